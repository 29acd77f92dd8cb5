import "server-only";
import { z } from "zod";
import { isStoreUnavailableError } from "../store/data-dir-lock";
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from "../http/refusal";

export type ApiErrorCode = ErrorCode;

/** The one error type route handlers throw; its message is safe to show to the caller. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type ApiErrorBody = ErrorBody;

export function errorResponse(
  code: ApiErrorCode,
  message: string,
  headers: Record<string, string> = {},
): Response {
  const body: ApiErrorBody = { error: { code, message } };
  return Response.json(body, {
    status: ERROR_STATUS[code],
    headers: { "Cache-Control": "no-store", ...headers },
  });
}

function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const name = issue.path.length > 0 ? issue.path.map(String).join(".") : "request";
  return `invalid parameter "${name}": ${issue.message}`;
}

function hasName(error: unknown, name: string): boolean {
  return typeof error === "object" && error !== null && "name" in error && error.name === name;
}

/** Maps any thrown value to the one error body; unknown errors become a generic 500 that leaks nothing. */
export function handleApiError(error: unknown): Response {
  if (error instanceof ApiError) return errorResponse(error.code, error.message);
  if (error instanceof z.ZodError) return errorResponse("bad_request", describeZodError(error));
  // A stored snapshot this kms-drift cannot read: the message names the snapshot and the field.
  if (hasName(error, "SnapshotFormatError") && error instanceof Error)
    return errorResponse("internal_error", error.message);
  // Another process holds the PGlite directory: the message names it and the ways out.
  if (isStoreUnavailableError(error)) return errorResponse("store_unavailable", error.message);
  // StoreError carries a code of its own; branch on name, not instanceof, like every other error here.
  if (
    hasName(error, "StoreError") &&
    typeof error === "object" &&
    error !== null &&
    "code" in error
  ) {
    if (error.code === "not_found") return errorResponse("not_found", "not found");
    if (error.code === "conflict") return errorResponse("conflict", "conflict");
  }
  console.error(
    `kms-drift api: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
  return errorResponse("internal_error", "internal error; see the server log");
}
