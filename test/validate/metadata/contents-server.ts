// A local double of GitHub's contents API on 127.0.0.1; every body it sends is checked against the
// published OpenAPI schema before it leaves, and a shape error fails the test that caused it.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { schemaProblems } from "./openapi.js";

export interface ContentsServer {
  baseUrl: string;
  requests: { path: string; authorization: string | undefined }[];
  shapeErrors: string[];
  close(): Promise<void>;
}

/** `files` maps "owner/repo/path@ref" to file text; `status` forces a status for a path prefix. */
export async function startContentsServer(
  files: Record<string, string>,
  status: Record<string, number> = {},
): Promise<ContentsServer> {
  const requests: ContentsServer["requests"] = [];
  const shapeErrors: string[] = [];
  const send = (res: import("node:http").ServerResponse, code: number, schema: string, body: unknown): void => {
    shapeErrors.push(...schemaProblems(schema, body).map((p) => `${schema}: ${p}`));
    res.writeHead(code, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push({ path: `${url.pathname}${url.search}`, authorization: req.headers.authorization });
    const forced = Object.entries(status).find(([prefix]) => url.pathname.startsWith(prefix));
    if (forced) {
      send(res, forced[1], "basic-error", {
        message: `forced ${forced[1]}`,
        documentation_url: "https://docs.github.com/rest",
      });
      return;
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(url.pathname);
    const ref = url.searchParams.get("ref") ?? "";
    const key = match
      ? `${decodeURIComponent(match[1] ?? "")}/${decodeURIComponent(match[2] ?? "")}/${decodeURIComponent(match[3] ?? "")}@${ref}`
      : "";
    const text = files[key];
    if (!match || text === undefined) {
      send(res, 404, "basic-error", {
        message: "Not Found",
        documentation_url: "https://docs.github.com/rest/repos/contents#get-repository-content",
        status: "404",
      });
      return;
    }
    const path = decodeURIComponent(match[3] ?? "");
    const api = `http://127.0.0.1${url.pathname}`;
    send(res, 200, "content-file", {
      type: "file",
      encoding: "base64",
      size: Buffer.byteLength(text),
      name: path.split("/").pop(),
      path,
      content: Buffer.from(text)
        .toString("base64")
        .replace(/(.{60})/g, "$1\n"),
      sha: "3d21ec53a331a6f037a91c368710b99387d012c1",
      url: api,
      git_url: `${api}/git`,
      html_url: `${api}/html`,
      download_url: `${api}/raw`,
      _links: { git: `${api}/git`, html: `${api}/html`, self: api },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    shapeErrors,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
