import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { inputEnvName, loadActionMetadata, type ActionMetadata } from "./action-metadata.js";
import { runProcess, type ProcessResult } from "./child-process.js";
import { parseKeyValueFile, parsePathFile } from "./file-commands.js";
import { nodeBinary, REPO_ROOT, type NodeRuntime } from "./node-runtime.js";
import { annotationsOf, parseWorkflowCommands, type Annotation, type WorkflowCommand } from "./workflow-commands.js";

export type InputValue = string | number | boolean;

export interface RunActionOptions {
  /** `with:` values; declared inputs not given here get their action.yml default. */
  inputs?: Record<string, InputValue>;
  /** Extra environment; GITHUB_WORKSPACE / RUNNER_TEMP given here are used instead of fresh directories. */
  env?: Record<string, string>;
  /** Working directory of the step (the runner uses the workspace). */
  cwd?: string;
  node?: NodeRuntime;
  /** Run `runs.post` after main when action.yml has one (default true). */
  post?: boolean;
  timeoutMs?: number;
  /** Folder holding action.yml (default `actions/<name>`); `runs.main`/`runs.post` resolve against it. */
  actionDir?: string;
  /** Event payload written to GITHUB_EVENT_PATH (default `{}`), and its name (default `workflow_dispatch`). */
  event?: { name?: string; payload?: object };
  /** Keep the temporary files for inspection instead of removing them. */
  keepTemp?: boolean;
}

export interface StepFiles {
  output: string;
  state: string;
  env: string;
  summary: string;
  path: string;
}

export interface StepResult extends ProcessResult {
  outputs: Record<string, string>;
  /** What the step saved with saveState (GITHUB_STATE). */
  state: Record<string, string>;
  /** What the step exported for later steps (GITHUB_ENV). */
  env: Record<string, string>;
  /** Directories the step added to PATH (GITHUB_PATH). */
  path: string[];
  summary: string;
  commands: WorkflowCommand[];
  annotations: Annotation[];
}

export interface ActionFiles {
  root: string;
  runnerTemp: string;
  workspace: string;
  eventPath: string;
  main: StepFiles;
  post?: StepFiles;
}

export interface ActionResult extends StepResult {
  post?: StepResult;
  files: ActionFiles;
}

const DEFAULT_TIMEOUT_MS = 60_000;

// Variables of an enclosing runner or of the user's shell must not leak in: every test states what it relies on.
const INHERITED_BLOCKLIST = /^(GITHUB_|INPUT_|STATE_|RUNNER_|ACTIONS_|REDUNDANCY_|PM2_|NETLIFY_)|^CI$/;

/** process.env without runner, input, state and redundancy settings. */
export function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_BLOCKLIST.test(key)) env[key] = value;
  }
  return env;
}

function stepFiles(dir: string): StepFiles {
  mkdirSync(dir, { recursive: true });
  const files: StepFiles = {
    output: join(dir, "output"),
    state: join(dir, "state"),
    env: join(dir, "env"),
    summary: join(dir, "step_summary"),
    path: join(dir, "path"),
  };
  for (const file of Object.values(files)) writeFileSync(file, "");
  return files;
}

/** Replaces the `${{ ctx.key }}` forms action.yml defaults use (e.g. `${{ github.token }}`). */
function expandDefault(value: string, input: string, contexts: Record<string, string>, file: string): string {
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_whole, expression: string) => {
    const found = contexts[expression];
    if (found === undefined) {
      throw new Error(`${file}: inputs.${input}.default uses '${expression}', which the harness cannot evaluate`);
    }
    return found;
  });
}

function shouldRunPost(postIf: string, mainFailed: boolean, file: string): boolean {
  const condition = postIf.replace(/^\$\{\{\s*|\s*\}\}$/g, "").trim();
  if (condition === "always()") return true;
  if (condition === "success()") return !mainFailed;
  if (condition === "failure()") return mainFailed;
  throw new Error(`${file}: runs.post-if '${postIf}' is not supported by the harness`);
}

async function runStep(
  label: string,
  script: string,
  files: StepFiles,
  env: Record<string, string>,
  node: string,
  cwd: string,
  timeoutMs: number,
): Promise<StepResult> {
  const stepEnv = {
    ...env,
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_PATH: files.path,
  };
  const run = await runProcess([node, script], { cwd, env: stepEnv, timeoutMs, label });
  const commands = parseWorkflowCommands(run.stdout);
  return {
    ...run,
    outputs: parseKeyValueFile(readFileSync(files.output, "utf8"), `${label} GITHUB_OUTPUT`),
    state: parseKeyValueFile(readFileSync(files.state, "utf8"), `${label} GITHUB_STATE`),
    env: parseKeyValueFile(readFileSync(files.env, "utf8"), `${label} GITHUB_ENV`),
    path: parsePathFile(readFileSync(files.path, "utf8")),
    summary: readFileSync(files.summary, "utf8"),
    commands,
    annotations: annotationsOf(commands),
  };
}

function scriptPath(metadata: ActionMetadata, actionDir: string, script: string): string {
  if (isAbsolute(script)) throw new Error(`${metadata.file}: '${script}' must be relative to the action folder`);
  return resolve(actionDir, script);
}

/**
 * Runs a JavaScript action the way the GitHub runner does: `node <runs.main>` in a child process with INPUT_* (defaults
 * from action.yml), fresh GITHUB_OUTPUT/STATE/ENV/STEP_SUMMARY/PATH files, RUNNER_TEMP and GITHUB_WORKSPACE; then
 * `runs.post` with the saved state as STATE_* and main's GITHUB_ENV/GITHUB_PATH applied.
 */
export async function runAction(name: string, options: RunActionOptions = {}): Promise<ActionResult> {
  const actionDir = resolve(options.actionDir ?? join(REPO_ROOT, "actions", name));
  const metadata = loadActionMetadata(actionDir);
  if (metadata.pre !== undefined) throw new Error(`${metadata.file}: runs.pre is not supported by the harness yet`);
  const node = nodeBinary(options.node ?? "current");
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const given = options.env ?? {};

  const root = mkdtempSync(join(tmpdir(), `redundancy-action-${name}-`));
  try {
    const runnerTemp = given.RUNNER_TEMP ?? join(root, "runner-temp");
    const workspace = given.GITHUB_WORKSPACE ?? options.cwd ?? join(root, "workspace");
    mkdirSync(runnerTemp, { recursive: true });
    mkdirSync(workspace, { recursive: true });
    const eventPath = join(root, "event.json");
    writeFileSync(eventPath, JSON.stringify(options.event?.payload ?? {}));
    const files: ActionFiles = { root, runnerTemp, workspace, eventPath, main: stepFiles(join(root, "main")) };

    const env: Record<string, string> = {
      ...baseEnvironment(),
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION: name,
      GITHUB_JOB: "test",
      GITHUB_WORKFLOW: "harness",
      GITHUB_RUN_ID: "1",
      GITHUB_RUN_NUMBER: "1",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_REPOSITORY: "octo-org/octo-repo",
      GITHUB_REPOSITORY_OWNER: "octo-org",
      GITHUB_REF: "refs/heads/main",
      GITHUB_SHA: "0000000000000000000000000000000000000000",
      GITHUB_EVENT_NAME: options.event?.name ?? "workflow_dispatch",
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SERVER_URL: "https://github.com",
      // A test that forgets to point the API at its loopback double fails fast here instead of reaching out.
      GITHUB_API_URL: "http://127.0.0.1:9",
      GITHUB_GRAPHQL_URL: "http://127.0.0.1:9/graphql",
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
      RUNNER_NAME: "harness",
      RUNNER_TEMP: runnerTemp,
      RUNNER_TOOL_CACHE: join(runnerTemp, "_tool"),
      GITHUB_WORKSPACE: workspace,
      ...given,
    };

    const contexts: Record<string, string> = {
      "github.token": env.GITHUB_TOKEN ?? "",
      "github.workspace": workspace,
      "github.repository": env.GITHUB_REPOSITORY,
      "github.repository_owner": env.GITHUB_REPOSITORY_OWNER,
      "github.server_url": env.GITHUB_SERVER_URL,
      "github.api_url": env.GITHUB_API_URL,
      "github.event_name": env.GITHUB_EVENT_NAME,
      "github.ref": env.GITHUB_REF,
      "github.sha": env.GITHUB_SHA,
      "runner.temp": runnerTemp,
      "runner.os": env.RUNNER_OS,
    };
    for (const [input, spec] of Object.entries(metadata.inputs)) {
      if (spec.default !== undefined) {
        env[inputEnvName(input)] = expandDefault(spec.default, input, contexts, metadata.file);
      }
    }
    for (const [input, value] of Object.entries(options.inputs ?? {})) env[inputEnvName(input)] = String(value);

    const cwd = options.cwd ?? workspace;
    const main = await runStep(
      `${name} main`,
      scriptPath(metadata, actionDir, metadata.main),
      files.main,
      env,
      node,
      cwd,
      timeoutMs,
    );
    const result: ActionResult = { ...main, files };

    if (
      metadata.post !== undefined &&
      options.post !== false &&
      shouldRunPost(metadata.postIf, main.exitCode !== 0, metadata.file)
    ) {
      files.post = stepFiles(join(root, "post"));
      const postEnv: Record<string, string> = { ...env, ...main.env };
      for (const [key, value] of Object.entries(main.state)) postEnv[`STATE_${key}`] = value;
      // Each GITHUB_PATH line is prepended, so the last one added comes first.
      if (main.path.length > 0) postEnv.PATH = [...[...main.path].reverse(), env.PATH ?? ""].join(delimiter);
      result.post = await runStep(
        `${name} post`,
        scriptPath(metadata, actionDir, metadata.post),
        files.post,
        postEnv,
        node,
        cwd,
        timeoutMs,
      );
    }
    return result;
  } finally {
    if (!options.keepTemp) rmSync(root, { recursive: true, force: true });
  }
}

export interface RunCliOptions {
  cwd?: string;
  env?: Record<string, string>;
  node?: NodeRuntime;
  timeoutMs?: number;
  stdin?: string;
}

/** Runs `bin/redundancy.js` (the committed CLI bundle) as a user's shell would, without a terminal. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<ProcessResult> {
  const node = nodeBinary(options.node ?? "current");
  return runProcess([node, join(REPO_ROOT, "bin", "redundancy.js"), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...baseEnvironment(), ...options.env },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    label: `redundancy ${args.join(" ")}`,
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
  });
}
