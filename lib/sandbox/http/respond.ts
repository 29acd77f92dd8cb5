import type { ServerResponse } from "node:http";
import type { SandboxService } from "../types";

const JSON_TYPE = "application/x-amz-json-1.1";

/** A 200 JSON answer; members that are undefined are left out by JSON.stringify. */
export function sendJson(res: ServerResponse, requestId: string, body: unknown): void {
  send(res, 200, requestId, JSON.stringify(body ?? {}), JSON_TYPE);
}

/**
 * An AWS JSON error: `{"__type": X, "message": m}` for KMS and the common errors, `Message` for
 * CloudTrail (its modeled errors use a capital M), the same type in `x-amzn-ErrorType`.
 */
export function sendError(
  res: ServerResponse,
  requestId: string,
  service: SandboxService | undefined,
  type: string,
  message: string,
  status: number,
): void {
  const messageKey = service === "cloudtrail" ? "Message" : "message";
  const body = message === "" ? { __type: type } : { __type: type, [messageKey]: message };
  send(res, status, requestId, JSON.stringify(body), JSON_TYPE, { "x-amzn-ErrorType": type });
}

export function send(
  res: ServerResponse,
  status: number,
  requestId: string,
  body: string,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "x-amzn-RequestId": requestId,
    ...extra,
  });
  res.end(body);
}
