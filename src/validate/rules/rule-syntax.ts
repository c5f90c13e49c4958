/** [syntax] YAML that cannot be read: syntax errors, duplicate keys, non-mapping, empty, binary, not UTF-8. */
import type { ParseRule } from "../parse-rule.js";

export const syntaxRule: ParseRule = {
  id: "syntax",
  description: "The file must be readable YAML: valid syntax, unique keys, a mapping at the top, UTF-8 text.",
  severity: "error",
  parsed(ctx, doc) {
    for (const problem of doc.syntax) {
      ctx.report(problem, problem.message, problem.hint ? { hint: problem.hint } : undefined);
    }
  },
};
