import * as core from "@actions/core";

// The runner runs the same file for main and post; state written by main tells them apart.
async function main(): Promise<void> {
  const who = core.getInput("who", { required: true });
  const greeting = core.getInput("greeting");
  const retries = Number(core.getInput("retry-count"));
  const message = `${greeting}, ${who}!`;
  core.setOutput("message", message);
  core.setOutput("lines", `first line\nsecond: ${who}\nthird`);
  core.setOutput("node-version", process.version);
  core.setOutput("retries", retries);
  core.saveState("isPost", "true");
  core.saveState("greeted", who);
  core.exportVariable("FIXTURE_GREETED", who);
  core.warning(`greeted ${who}, 100% sure: yes`, { file: "src/greet.ts", startLine: 7, startColumn: 3, title: "a, b" });
  await core.summary.addHeading("Fixture").addRaw(`${message}\n`).write();
  if (core.getBooleanInput("fail")) core.setFailed(`failing for ${who} as asked`);
}

async function post(): Promise<void> {
  const greeted = core.getState("greeted");
  core.setOutput("post-saw", greeted);
  core.notice(`post saw ${greeted} with FIXTURE_GREETED=${process.env.FIXTURE_GREETED ?? ""}`);
  await core.summary.addRaw(`post step for ${greeted}\n`).write();
}

try {
  await (core.getState("isPost") === "true" ? post() : main());
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
