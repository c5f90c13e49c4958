import { expressionTypeRule } from "../../../src/validate/rules/rule-expression-type.js";
import { lint } from "./expr-harness.js";

const rules = [expressionTypeRule];

function job(lines: string[], on = "push"): string {
  return [`on: ${on}`, "jobs:", "  a:", "    runs-on: ubuntu-latest", ...lines.map((l) => `    ${l}`), ""].join("\n");
}

describe("[expression-type]", () => {
  test("matrix keys include include-only keys; fromJSON matrices and includes are not checked", () => {
    const literal = job([
      "strategy:",
      "  matrix:",
      "    node: [20]",
      "    include:",
      "      - extra: true",
      "    exclude:",
      "      - node: 20",
      "steps:",
      "  - run: echo ${{ matrix.node }} ${{ matrix.extra }} ${{ matrix.exclude }}",
    ]);
    expect(lint(literal, rules)).toEqual(['13:69: no matrix key "exclude" in this job\'s matrix [expression-type]']);
    const computed = job([
      "strategy:",
      "  matrix:",
      "    include: ${{ fromJSON(vars.M) }}",
      "steps:",
      "  - run: echo ${{ matrix.x }}",
    ]);
    expect(lint(computed, rules)).toEqual([]);
    const computedItem = job([
      "strategy:",
      "  matrix:",
      "    os: [a]",
      "    include:",
      "      - ${{ fromJSON(vars.M) }}",
      "steps:",
      "  - run: echo ${{ matrix.x }}",
    ]);
    expect(lint(computedItem, rules)).toEqual([]);
  });

  test("object-valued matrix entries are typed one level deep", () => {
    const text = job([
      "strategy:",
      "  matrix:",
      "    config:",
      "      - { os: ubuntu-latest, r: release }",
      "    include:",
      "      - config: { os: macos-latest, extra: 1 }",
      "steps:",
      "  - run: echo ${{ matrix.config.os }} ${{ matrix.config.extra }} ${{ matrix.config.rspm }}",
    ]);
    expect(lint(text, rules)).toEqual(['12:88: no property "rspm" in the values of matrix.config [expression-type]']);
  });

  test("job.services ports indexing as GitHub documents it is accepted", () => {
    const text = job([
      "services:",
      "  db:",
      "    image: postgres:16",
      "steps:",
      "  - run: echo ${{ job.services.db.ports[5432] }} ${{ job.services.db.ports['5432'] }} ${{ job.services.db.id }}",
      "  - run: echo ${{ job.services.db.port }}",
    ]);
    expect(lint(text, rules)).toEqual(['10:39: unknown property "port" of job.services.db [expression-type]']);
  });

  test("inputs: checked against dispatch and call inputs, an error without those triggers", () => {
    const dispatch = job(
      ["steps:", "  - run: echo ${{ inputs.a }} ${{ inputs.b }}"],
      "{ workflow_dispatch: { inputs: { a: { type: string } } }, workflow_call: { inputs: { b: { type: string } } } }",
    );
    expect(lint(dispatch, rules)).toEqual([]);
    const push = job(["steps:", "  - run: echo ${{ inputs.a }}"]);
    expect(lint(push, rules)).toEqual([
      '6:23: this workflow has no "workflow_dispatch" or "workflow_call" trigger, so "inputs" is empty [expression-type]',
    ]);
  });

  test("steps: ids are case-insensitive, dynamic indexes are not guessed, bare step if: is typed", () => {
    const text = job([
      "steps:",
      "  - id: Build",
      "    run: echo",
      "  - run: echo ${{ steps.build.outputs.x }} ${{ steps[format('{0}', 'x')].outputs.y }}",
      "    if: steps.Build.conclusion == 'success' && steps.missing.outcome == 'success'",
    ]);
    expect(lint(text, rules)).toEqual([
      '9:58: no step with id "missing" before this point in the job [expression-type]',
    ]);
  });

  test("github properties get a did-you-mean; event payloads are free-form", () => {
    const text = job(["steps:", "  - run: echo ${{ github.evnt_name }} ${{ github.event.anything.at.all }}"]);
    const findings = lint(text, rules);
    expect(findings).toEqual(['6:30: unknown property "evnt_name" of the github context [expression-type]']);
  });

  test("jobs.<id> in workflow_call outputs", () => {
    const text = [
      "on:",
      "  workflow_call:",
      "    outputs:",
      "      v:",
      "        value: ${{ jobs.a.outputs.v }} ${{ jobs.a.outputs.w }} ${{ jobs.b.result }}",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    outputs:",
      "      v: x",
      "    steps:",
      "      - run: echo",
      "",
    ].join("\n");
    expect(lint(text, rules)).toEqual([
      '5:59: job "a" has no output "w" (jobs.a.outputs.w) [expression-type]',
      '5:73: no job "b" in this workflow [expression-type]',
    ]);
  });

  test("vars are checked only when the config lists them", () => {
    const text = job(["steps:", "  - run: echo ${{ vars.REGION }}"]);
    expect(lint(text, rules)).toEqual([]);
    expect(lint(text, rules, { settings: { knownVariables: ["REGIONS"] } })).toEqual([
      '6:28: unknown configuration variable "REGION" [expression-type]',
    ]);
  });
});

describe("[expression-type] github context values", () => {
  test("comparing the event payload with a string is always false", () => {
    const text = job([
      "steps:",
      "  - if: github.event == 'push'",
      "    run: echo",
      "  - if: github.event_name == 'push'",
      "    run: echo",
    ]);
    expect(lint(text, rules)).toEqual([
      '6:20: "github.event" is the event payload (an object); comparing it with a value is always false [expression-type]',
    ]);
  });

  test("string properties have no properties; the event payload does", () => {
    const text = job([
      "steps:",
      "  - run: echo ${{ github.repository.default_branch }} ${{ github.event.repository.default_branch }}",
    ]);
    expect(lint(text, rules)).toEqual([
      '6:41: "github.repository" is not an object, so "github.repository.default_branch" is always null [expression-type]',
    ]);
  });
});

describe("[expression-type] objects in strings", () => {
  const matrix = [
    "strategy:",
    "  matrix:",
    "    cfg:",
    "      - { os: ubuntu-latest }",
    "      - { os: macos-latest }",
  ];
  test("a mapping matrix value inside text becomes the string Object", () => {
    const text = job([...matrix, "steps:", "  - run: echo k-${{ matrix.cfg }}", "  - run: echo ${{ matrix.cfg.os }}"]);
    expect(lint(text, rules)).toEqual([
      '11:21: "matrix.cfg" is an object; in a string it becomes "Object" [expression-type]',
    ]);
  });

  test("a whole value, a function argument or a scalar matrix value is not reported", () => {
    const text = job([
      ...matrix,
      "    name: [a, b]",
      "steps:",
      "  - uses: ./x",
      "    with:",
      "      cfg: ${{ matrix.cfg }}",
      "  - run: echo ${{ toJSON(matrix.cfg) }} x-${{ matrix.name }}",
    ]);
    expect(lint(text, rules)).toEqual([]);
  });
});
