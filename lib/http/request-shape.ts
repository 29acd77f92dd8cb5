import { type HostEntry, isAllowedHost } from "./hosts";
import { isApiPath } from "./refusal";

/**
 * Requests the dashboard refuses by their shape, before authentication looks at them: a path
 * that cannot be percent-decoded, or a method nothing here answers.
 */

/** A route parameter decoded, or null when its percent-encoding is malformed (`%ZZ`, `%E0%A4%A`). */
export function decodeRouteParam(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** Whether some segment of the path is not valid percent-encoded UTF-8. */
export function hasMalformedPath(pathname: string): boolean {
  return pathname.split("/").some((segment) => decodeRouteParam(segment) === null);
}

// Pages only read. The API also takes POST (only `POST /api/scan` accepts it; other routes answer
// 405 themselves). Anything else, OPTIONS included (there is no CORS), is refused here.
const PAGE_METHODS = ["GET", "HEAD"] as const;
const API_METHODS = ["GET", "HEAD", "POST"] as const;

/** The `Allow` value when `method` is not served at `pathname` at all, else null. */
export function refusedMethod(method: string, pathname: string): string | null {
  const allowed: readonly string[] = isApiPath(pathname) ? API_METHODS : PAGE_METHODS;
  return allowed.includes(method.toUpperCase()) ? null : allowed.join(", ");
}

export interface ShapeProblem {
  code: "misdirected_request" | "bad_request" | "method_not_allowed";
  message: string;
  headers?: Record<string, string>;
}

/**
 * What a request must be before anyone asks who sent it: addressed to one of our host names (the
 * `Host` the client sent, never X-Forwarded-Host: a DNS-rebinding page sends its own name), with a
 * decodable path, in a method we serve. Null when it is all three.
 */
export function requestShapeProblem(
  request: { method: string; pathname: string; host: string | null },
  allowedHosts: readonly HostEntry[],
): ShapeProblem | null {
  if (!isAllowedHost(request.host, allowedHosts))
    return {
      code: "misdirected_request",
      message:
        "this server does not answer to that host name; it answers to loopback names and KMS_DRIFT_ALLOWED_HOSTS",
    };
  if (hasMalformedPath(request.pathname))
    return { code: "bad_request", message: "the address has malformed percent-encoding" };
  const allow = refusedMethod(request.method, request.pathname);
  if (allow)
    return {
      code: "method_not_allowed",
      message: `${request.method} is not allowed here`,
      headers: { Allow: allow },
    };
  return null;
}
