import { unpinnedActionRule } from "../../../src/validate/rules/rule-unpinned-action.js";
import { lint } from "./harness.js";

function wf(...uses: string[]): string {
  return `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n${uses.map((u) => `      - uses: ${u}\n`).join("")}`;
}

describe("[unpinned-action]", () => {
  test("third-party tags warn with a pinning hint; GitHub's own, SHAs, local and digests do not", () => {
    const findings = lint(
      unpinnedActionRule,
      wf(
        "octo/tool@v2",
        "actions/checkout@v4",
        "github/codeql-action/init@v3",
        "octo/tool@0123456789abcdef0123456789abcdef01234567",
        "./local",
        "docker://alpine@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d",
      ),
    );
    expect(findings.map((f) => `${f.line} ${f.severity} ${f.message}`)).toEqual([
      '6 warning "octo/tool@v2" is not pinned to a full commit SHA',
    ]);
    expect(findings[0]?.hint).toContain("octo/tool@<40-char SHA> # v2");
  });

  test("a short SHA is not a pin", () => {
    expect(lint(unpinnedActionRule, wf("octo/tool@0123456"))).toHaveLength(1);
  });
});
