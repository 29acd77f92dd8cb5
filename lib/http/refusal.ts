import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS } from "./security-headers";

/** Every error code the dashboard answers with, and its HTTP status (README: "JSON API"). */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  misdirected_request: 421,
  internal_error: 500,
  service_unavailable: 503,
  store_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/**
 * A request refused before it reaches a page or route: the documented JSON error body under /api,
 * a one-line text page elsewhere, never cached, with the security headers.
 */
export function refusal(
  pathname: string,
  code: ErrorCode,
  message: string,
  extraHeaders: Record<string, string> = {},
): Refusal {
  const api = isApiPath(pathname);
  const body: ErrorBody = { error: { code, message } };
  return {
    status: ERROR_STATUS[code],
    headers: {
      ...STATIC_SECURITY_HEADERS,
      "Content-Security-Policy": NON_PAGE_CSP,
      "Cache-Control": "no-store",
      "Content-Type": api ? "application/json" : "text/plain; charset=utf-8",
      ...extraHeaders,
    },
    body: api ? JSON.stringify(body) : `${message}\n`,
  };
}
