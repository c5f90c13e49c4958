/**
 * Context paths an outsider can write (titles, bodies, branch names, commit messages), after the
 * GitHub Security Lab list that actionlint and zizmor also use. `*` is one array element or key.
 */
import type { AccessPath } from "./parse.js";

const UNTRUSTED = [
  "github.head_ref",
  "github.event.issue.title",
  "github.event.issue.body",
  "github.event.pull_request.title",
  "github.event.pull_request.body",
  "github.event.pull_request.head.ref",
  "github.event.pull_request.head.label",
  "github.event.pull_request.head.repo.default_branch",
  "github.event.discussion.title",
  "github.event.discussion.body",
  "github.event.comment.body",
  "github.event.review.body",
  "github.event.review_comment.body",
  "github.event.pages.*.page_name",
  "github.event.commits.*.message",
  "github.event.commits.*.author.email",
  "github.event.commits.*.author.name",
  "github.event.head_commit.message",
  "github.event.head_commit.author.email",
  "github.event.head_commit.author.name",
  "github.event.head_commit.committer.email",
  "github.event.head_commit.committer.name",
  "github.event.workflow_run.head_branch",
  "github.event.workflow_run.display_title",
  "github.event.workflow_run.head_commit.message",
  "github.event.workflow_run.head_commit.author.email",
  "github.event.workflow_run.head_commit.author.name",
  "github.event.workflow_run.pull_requests.*.head.ref",
  "github.event.merge_group.head_commit.message",
  "github.event.merge_group.head_commit.author.email",
  "github.event.merge_group.head_commit.author.name",
].map((p) => p.split("."));

/** Functions and operators whose result cannot carry the text of their arguments. */
const SAFE_WRAPPERS = new Set(["contains", "startswith", "endswith", "==", "!", "hashfiles"]);
/** Functions that serialise a whole object, untrusted fields included. */
const SERIALISERS = new Set(["tojson", "join", "format"]);

/** The path as written, with `*` for filters and computed indexes. */
export function pathText(path: AccessPath): string {
  const parts = [path.context];
  for (const seg of path.segments) parts.push(seg.kind === "name" ? seg.name : "*");
  return parts.join(".");
}

function segmentMatches(written: AccessPath["segments"][number], pattern: string): boolean {
  if (pattern === "*") return true;
  if (written.kind === "star") return true;
  return written.kind === "name" && written.name.toLowerCase() === pattern;
}

/**
 * The untrusted paths an access reaches: itself when it is one, or those below it when a whole
 * object is serialised (`toJSON(github.event)`). Empty when the value cannot carry them.
 */
export function untrustedReach(path: AccessPath): { paths: string[]; whole: boolean } {
  const none = { paths: [], whole: false };
  if (path.functions.some((f) => SAFE_WRAPPERS.has(f))) return none;
  if (path.context.toLowerCase() !== "github") return none;
  const serialised = path.functions.some((f) => SERIALISERS.has(f));
  const found: string[] = [];
  let whole = false;
  for (const pattern of UNTRUSTED) {
    const rest = pattern.slice(1);
    if (path.segments.length > rest.length) continue;
    if (path.segments.length < rest.length && !serialised) continue;
    let ok = true;
    for (let i = 0; i < path.segments.length && ok; i++) {
      const seg = path.segments[i];
      ok = seg !== undefined && segmentMatches(seg, rest[i] ?? "");
    }
    if (!ok) continue;
    found.push(pattern.join("."));
    if (path.segments.length === rest.length) whole = true;
  }
  return { paths: found, whole };
}
