import type { ServerResponse } from "node:http";
import type { SandboxService } from "../types";

const JSON_TYPE = "application/x-amz-json-1.1";

/** A 200 JSON answer; members that are undefined are left out by JSON.stringify. */
export function sendJson(res: ServerResponse, requestId: string, body: unknown): void {
  send(res, 200, requestId, JSON.stringify(body ?? {}), JSON_TYPE);
}

/**
 * An AWS JSON error: `{"__type": X, "message": m}` for KMS and the common errors, `Message` for
 * CloudTrail and Organizations (their modeled errors use a capital M), the same type in
 * `x-amzn-ErrorType`. `fields` are further modeled members (Organizations' `Reason`).
 */
export function sendError(
  res: ServerResponse,
  requestId: string,
  service: SandboxService | undefined,
  type: string,
  message: string,
  status: number,
  fields: Readonly<Record<string, string>> = {},
): void {
  const messageKey =
    service === "cloudtrail" || service === "organizations" ? "Message" : "message";
  const body = {
    __type: type,
    ...(message === "" ? {} : { [messageKey]: message }),
    ...fields,
  };
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
