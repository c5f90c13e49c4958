/** SARIF 2.1.0 output, uploadable to GitHub code scanning, with every rule's metadata. */
import type { Finding } from "./finding.js";
import type { Rule } from "./rule.js";
import { INTERNAL_RULE } from "./walk.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI = "https://github.com/redundancy/redundancy";

export interface SarifOptions {
  rules: readonly Pick<Rule, "id" | "description" | "severity">[];
  version: string;
}

function level(severity: Finding["severity"]): "error" | "warning" {
  return severity === "error" ? "error" : "warning";
}

export function toSarif(findings: readonly Finding[], options: SarifOptions): object {
  const rules = [
    ...options.rules,
    { id: INTERNAL_RULE, description: "The linter itself failed on this file.", severity: "error" as const },
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (!index.has(f.rule)) {
      index.set(f.rule, rules.length);
      rules.push({ id: f.rule, description: f.rule, severity: f.severity });
    }
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "redundancy",
            informationUri: INFORMATION_URI,
            version: options.version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m: string, _d: string, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              defaultConfiguration: { level: level(r.severity) },
              properties: { tags: ["github-actions"] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: index.get(f.rule),
          level: level(f.severity),
          message: { text: f.hint ? `${f.message}\n${f.hint}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file, uriBaseId: "%SRCROOT%" },
                region: { startLine: f.line, startColumn: f.column },
              },
            },
          ],
        })),
      },
    ],
  };
}

export function formatSarif(findings: readonly Finding[], options: SarifOptions): string {
  return `${JSON.stringify(toSarif(findings, options), null, 2)}\n`;
}
