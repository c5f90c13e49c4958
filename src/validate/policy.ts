/** Output formats and the fail-on policy shared by the CLI and the action. */
import type { Finding } from "./finding.js";

export const FORMATS = ["text", "json", "sarif", "github"] as const;
export type OutputFormat = (typeof FORMATS)[number];
export const FAIL_ON = ["error", "warning", "never"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** 1 when findings reach the fail-on level, else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: FailOn): number {
  if (failOn === "never") return 0;
  const failing = failOn === "warning" ? findings : findings.filter((f) => f.severity === "error");
  return failing.length > 0 ? 1 : 0;
}
