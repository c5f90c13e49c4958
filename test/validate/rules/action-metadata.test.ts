import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { actionMetadataRule } from "../../../src/validate/rules/rule-action-metadata.js";
import { lintLines } from "./harness.js";

describe("[action-metadata]", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "f-action-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(text: string, files: string[] = []): string {
    const actionDir = mkdtempSync(join(dir, "a-"));
    for (const f of files) {
      mkdirSync(join(actionDir, f, ".."), { recursive: true });
      writeFileSync(join(actionDir, f), "// built\n");
    }
    const file = join(actionDir, "action.yml");
    writeFileSync(file, text);
    return file;
  }

  test("a node24 action whose main exists is clean", () => {
    const text =
      "name: x\ndescription: y\ninputs:\n  who:\n    description: z\n    required: true\nruns:\n  using: node24\n  main: dist/index.js\n";
    const file = write(text, ["dist/index.js"]);
    expect(lintLines(actionMetadataRule, text, { file })).toEqual([]);
  });

  test("node12 is an error, a missing main is reported relative to the action file", () => {
    const text = "name: x\ndescription: y\nruns:\n  using: node12\n  main: dist/index.js\n";
    const file = write(text);
    expect(lintLines(actionMetadataRule, text, { file })).toEqual([
      '4:10: "using: node12" is an outdated Node.js runtime: Node.js 12 was removed from GitHub-hosted runners in 2023 [action-metadata]',
      '5:9: "main: dist/index.js" does not exist next to this action file [action-metadata]',
    ]);
  });

  test("docker actions: a Dockerfile path is checked, docker:// images are not", () => {
    const text = "name: x\ndescription: y\nruns:\n  using: docker\n  image: Dockerfile\n";
    expect(lintLines(actionMetadataRule, text, { file: write(text, ["Dockerfile"]) })).toEqual([]);
    const remote = "name: x\ndescription: y\nruns:\n  using: docker\n  image: docker://alpine:3\n";
    expect(lintLines(actionMetadataRule, remote, { file: write(remote) })).toEqual([]);
  });

  test("composite outputs need value", () => {
    const text =
      "name: x\ndescription: y\noutputs:\n  out:\n    description: o\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n";
    expect(lintLines(actionMetadataRule, text, { file: write(text) })).toEqual([
      '4:3: output "out" of a composite action needs "value" [action-metadata]',
    ]);
  });
});
