import { runnerLabelRule } from "../../../src/validate/rules/rule-runner-label.js";
import { lint, lintLines } from "./harness.js";

function wf(runsOn: string, extra = ""): string {
  return `on: push\njobs:\n  a:\n${extra}    runs-on: ${runsOn}\n    steps:\n      - run: echo\n`;
}

describe("[runner-label]", () => {
  test.each([
    "ubuntu-latest",
    "ubuntu-24.04-arm",
    "Windows-Latest",
    "macos-15-intel",
    "macos-latest-xlarge",
    "[self-hosted, linux, ARM64]",
    "${{ inputs.runner }}",
    "{ group: big-runners }",
  ])("accepts %s", (runsOn) => {
    expect(lintLines(runnerLabelRule, wf(runsOn))).toEqual([]);
  });

  test("a typo gets did-you-mean and the config hint", () => {
    const [finding] = lint(runnerLabelRule, wf("windows-lates"));
    expect(finding?.message).toBe('runner label "windows-lates" is unknown');
    expect(finding?.hint).toContain('did you mean "windows-latest"?');
    expect(finding?.hint).toContain("validate.self-hosted-runner-labels");
  });

  test("retired labels say so", () => {
    expect(lintLines(runnerLabelRule, wf("macos-12"))).toEqual([
      '4:14: runner label "macos-12" was retired by GitHub; jobs using it never start [runner-label]',
    ]);
  });

  test("configured self-hosted labels, with globs, are accepted", () => {
    const settings = { selfHostedLabels: ["gpu", "linux-*-core"] };
    expect(lintLines(runnerLabelRule, wf("[self-hosted, gpu, linux-32-core]"), { settings })).toEqual([]);
    expect(lintLines(runnerLabelRule, wf("[self-hosted, tpu]"), { settings })).toHaveLength(1);
  });

  test("matrix values used in runs-on are checked where they are written, include rows too", () => {
    const extra =
      "    strategy:\n      matrix:\n        os: [ubuntu-latest, ubunty-latest]\n        include:\n          - os: [self-hosted, arm64]\n          - os: macos-11\n";
    expect(lintLines(runnerLabelRule, wf("${{ matrix.os }}", extra))).toEqual([
      '6:29: runner label "ubunty-latest" is unknown [runner-label]',
      '9:17: runner label "macos-11" was retired by GitHub; jobs using it never start [runner-label]',
    ]);
  });

  test("a matrix that is not literal is not guessed at", () => {
    const extra = "    strategy:\n      matrix:\n        os: ${{ fromJSON(inputs.oses) }}\n";
    expect(lintLines(runnerLabelRule, wf("${{ matrix.os }}", extra))).toEqual([]);
  });
});

describe("[runner-label] accuracy on real-world workflows", () => {
  test("next to self-hosted, custom labels are accepted when none are configured", () => {
    expect(lintLines(runnerLabelRule, wf("[self-hosted, linux, gpu]"))).toEqual([]);
    expect(lintLines(runnerLabelRule, wf("[self-hosted, ubuntu-18.04]"))).toHaveLength(1);
  });

  test("an unknown label far from every GitHub-hosted one is a warning, a near miss an error", () => {
    expect(lint(runnerLabelRule, wf("linux.2xlarge"))[0]?.severity).toBe("warning");
    expect(lint(runnerLabelRule, wf("ubuntu-lates"))[0]?.severity).toBe("error");
  });

  test("literal matrix rows are checked even when other rows are expressions", () => {
    const extra =
      "    strategy:\n      matrix:\n        include:\n          - os: macos-10.15\n          - os: ${{ inputs.os }}\n";
    expect(lintLines(runnerLabelRule, wf("${{ matrix.os }}", extra))).toEqual([
      '7:17: runner label "macos-10.15" was retired by GitHub; jobs using it never start [runner-label]',
    ]);
  });
});
