import type { StringToken } from "@actions/workflow-parser/templates/tokens/index";
import { isMapping, isSequence, isString } from "@actions/workflow-parser/templates/tokens/type-guards";
import type { Rule } from "../rule.js";
import { editDistance } from "../../common/edit-distance.js";

interface JobNeeds {
  id: string;
  needs: StringToken[];
}

/** Strongly connected components of the needs graph with more than one job (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

export const jobNeedsRule: Rule = {
  id: "job-needs",
  description: "needs: unknown jobs, self-dependencies, duplicates and cycles.",
  severity: "error",
  workflow(ctx, root) {
    const jobsToken = root.find("jobs");
    if (!jobsToken || !isMapping(jobsToken)) return;
    const jobs: JobNeeds[] = [];
    for (const pair of jobsToken) {
      if (!isString(pair.key) || !isMapping(pair.value)) continue;
      const needs = pair.value.find("needs");
      const list: StringToken[] = [];
      if (needs && isString(needs)) list.push(needs);
      else if (needs && isSequence(needs)) for (const item of needs) if (isString(item)) list.push(item);
      jobs.push({ id: pair.key.value, needs: list });
    }
    // Job ids are case-insensitive in GitHub Actions.
    const byLower = new Map(jobs.map((job) => [job.id.toLowerCase(), job.id]));
    const graph = new Map<string, string[]>();
    for (const job of jobs) {
      const seen = new Set<string>();
      const edges: string[] = [];
      for (const need of job.needs) {
        const target = need.value.toLowerCase();
        if (seen.has(target)) {
          ctx.report(
            need,
            `job "${job.id}" lists "${need.value}" in "needs" more than once (job ids are case-insensitive)`,
          );
          continue;
        }
        seen.add(target);
        if (target === job.id.toLowerCase()) {
          ctx.report(need, `job "${job.id}" cannot need itself`);
          continue;
        }
        const known = byLower.get(target);
        if (known === undefined) {
          const close = jobs.map((j) => j.id).filter((id) => editDistance(id.toLowerCase(), target, 2) <= 2);
          ctx.report(need, `job "${job.id}" needs unknown job "${need.value}"`, {
            hint:
              close.length > 0 ? `did you mean "${close[0]}"?` : `defined jobs: ${jobs.map((j) => j.id).join(", ")}`,
          });
          continue;
        }
        edges.push(known.toLowerCase());
      }
      graph.set(job.id.toLowerCase(), edges);
    }
    for (const component of cycles(graph)) {
      const members = new Set(component);
      const names = jobs.filter((j) => members.has(j.id.toLowerCase())).map((j) => `"${j.id}"`);
      for (const job of jobs) {
        if (!members.has(job.id.toLowerCase())) continue;
        for (const need of job.needs) {
          if (members.has(need.value.toLowerCase()) && need.value.toLowerCase() !== job.id.toLowerCase()) {
            ctx.report(
              need,
              `job "${job.id}" needs "${need.value}", which is part of a dependency cycle between jobs ${names.join(", ")}`,
            );
          }
        }
      }
    }
  },
};
