import { permissionsRule } from "../../../src/validate/rules/rule-permissions.js";
import { lintLines } from "./harness.js";

function wf(permissions: string, step: string, jobPermissions = ""): string {
  return `on: push\n${permissions}jobs:\n  a:\n    runs-on: ubuntu-latest\n${jobPermissions}    steps:\n${step}`;
}

const OIDC =
  "      - uses: google-github-actions/auth@v2\n        with:\n          workload_identity_provider: projects/1/x\n";

describe("[permissions]", () => {
  test("OIDC logins need id-token: write when permissions are declared", () => {
    expect(lintLines(permissionsRule, wf("permissions:\n  contents: read\n", OIDC))).toHaveLength(1);
    expect(lintLines(permissionsRule, wf("permissions: read-all\n", OIDC))).toHaveLength(1);
  });

  test("granted at job level, write-all, or no permissions block at all: nothing to report", () => {
    expect(
      lintLines(
        permissionsRule,
        wf("permissions:\n  contents: read\n", OIDC, "    permissions:\n      id-token: write\n"),
      ),
    ).toEqual([]);
    expect(lintLines(permissionsRule, wf("permissions: write-all\n", OIDC))).toEqual([]);
    expect(lintLines(permissionsRule, wf("", OIDC))).toEqual([]);
  });

  test("key-based logins do not need OIDC", () => {
    const step =
      "      - uses: google-github-actions/auth@v2\n        with:\n          credentials_json: ${{ secrets.GCP }}\n";
    expect(lintLines(permissionsRule, wf("permissions: {}\n", step))).toEqual([]);
  });
});
