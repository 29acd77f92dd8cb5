import type { IncomingMessage } from "node:http";

// Far above any legal KMS request (a policy is at most 131,072 characters).
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { kind: "ok"; text: string } | { kind: "too-large" } | { kind: "aborted" };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > limit) {
      req.resume();
      resolve({ kind: "too-large" });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) {
        done = true;
        resolve({ kind: "ok", text: Buffer.concat(chunks).toString("utf8") });
      }
    });
    req.on("error", () => {
      if (!done) {
        done = true;
        resolve({ kind: "aborted" });
      }
    });
  });
}
