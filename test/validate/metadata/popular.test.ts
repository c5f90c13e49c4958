import {
  majorOf,
  parseRemoteUses,
  popularActionKeys,
  remoteActionMetadata,
} from "../../../src/validate/metadata/popular.js";

describe("bundled popular-action metadata", () => {
  test("looks up by major version from tags of any precision", () => {
    for (const ref of ["v4", "v4.2", "v4.2.2", "4"]) {
      expect(remoteActionMetadata(`actions/checkout@${ref}`)?.inputs["fetch-depth"]).toEqual({ required: false });
    }
    expect(remoteActionMetadata("actions/cache@v4")?.inputs.key).toEqual({ required: true });
    expect(remoteActionMetadata("Actions/Cache/Restore@v4")?.inputs.path).toEqual({ required: true });
  });

  test("never guesses: commit SHAs, branches, unknown majors and unknown actions are undefined", () => {
    expect(remoteActionMetadata("actions/checkout@8ade135a41bc03ea155e62e844d188df1ea18608")).toBeUndefined();
    expect(remoteActionMetadata("actions/checkout@main")).toBeUndefined();
    expect(remoteActionMetadata("actions/checkout@v99")).toBeUndefined();
    expect(remoteActionMetadata("octo/unknown@v1")).toBeUndefined();
    expect(remoteActionMetadata("./local")).toBeUndefined();
  });

  test("parses references", () => {
    expect(parseRemoteUses("github/codeql-action/init@v3")).toEqual({
      action: "github/codeql-action/init",
      owner: "github",
      repo: "codeql-action",
      path: "init",
      ref: "v3",
    });
    expect(parseRemoteUses("docker://alpine")).toBeUndefined();
    expect(majorOf("release-1")).toBeUndefined();
  });

  test("covers the popular actions the linter promises", () => {
    const keys = popularActionKeys();
    expect(keys.length).toBeGreaterThanOrEqual(40);
    for (const key of [
      "actions/checkout@v4",
      "actions/setup-node@v2",
      "actions/upload-artifact@v4",
      "docker/login-action@v3",
      "codecov/codecov-action@v5",
    ]) {
      expect(keys).toContain(key);
    }
  });
});
