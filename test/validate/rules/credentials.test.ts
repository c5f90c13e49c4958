import { credentialsRule } from "../../../src/validate/rules/rule-credentials.js";
import { lintLines } from "./harness.js";

function wf(job: string): string {
  return `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n${job}    steps:\n      - run: echo\n`;
}

describe("[credentials]", () => {
  test("a literal password in a service is reported, secrets are not", () => {
    const job =
      "    services:\n      db:\n        image: x/db\n        credentials:\n          username: u\n          password: pass123\n" +
      "      cache:\n        image: x/cache\n        credentials:\n          username: u\n          password: ${{ secrets.P }}\n";
    expect(lintLines(credentialsRule, wf(job))).toEqual([
      '10:21: the password of service "db" of job "a" is written in the workflow [credentials]',
    ]);
  });

  test("a container given as a plain image name has no credentials to check", () => {
    expect(lintLines(credentialsRule, wf("    container: node:22\n"))).toEqual([]);
  });
});
