/**
 * The production HTTP server (what `next start` would be), with one gate in front of Next.js: the
 * request's Host, path encoding and method are checked before Next sees the request. Next cannot
 * refuse TRACE, TRACK or CONNECT itself: its proxy builds a fetch Request, which rejects those
 * methods, and the request ends as a bare 500.
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { bindingProblem } from "../lib/http/access-env";
import { refusal } from "../lib/http/refusal";
import { requestShapeProblem } from "../lib/http/request-shape";
import { ENV } from "../lib/env/env";
import { fail, readEnvOrExit } from "./script-env";

const root = path.resolve(__dirname, "..");

async function main(): Promise<void> {
  const access = readEnvOrExit(ENV.serve);
  const { PORT: port, HOST: host } = access;
  const problem = bindingProblem();
  if (problem) fail(problem);

  const app = next({ dev: false, dir: root, hostname: host, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = createServer((req, res) => {
    // URL parsing keeps percent-escapes as sent, so malformed ones stay visible.
    const pathname = new URL(req.url ?? "/", "http://request.invalid").pathname;
    const shape = requestShapeProblem(
      { method: req.method ?? "", pathname, host: req.headers.host ?? null },
      access.KMS_DRIFT_ALLOWED_HOSTS,
    );
    if (shape) {
      const answer = refusal(pathname, shape.code, shape.message, shape.headers);
      res.writeHead(answer.status, answer.headers);
      res.end(req.method === "HEAD" ? undefined : answer.body);
      return;
    }
    void handle(req, res);
  });
  server.listen(port, host, () => {
    console.log(
      `kms-drift: Next.js ready on http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    );
  });
  const stop = (): void => {
    server.close(() => process.exit(0));
    // Keep-alive connections would hold close() open; nothing is mid-write that matters.
    server.closeAllConnections();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
