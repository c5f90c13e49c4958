/** Post step of pm2-remote-health: removes the key and known_hosts files main wrote. */
import * as core from "@actions/core";
import { rmSync } from "node:fs";

/** The state name under which main records the directory holding the key and known_hosts. */
export const STATE_SECRETS_DIR = "pm2-secrets-dir";

export function post(): void {
  const dir = core.getState(STATE_SECRETS_DIR);
  if (dir === "") return;
  rmSync(dir, { recursive: true, force: true });
  core.info("removed the SSH key and known_hosts written for this job");
}
