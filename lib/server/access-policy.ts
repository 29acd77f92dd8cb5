import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { bindingProblem, readAccessEnv, type AccessEnv } from "../http/access-env";
import { CSRF_COOKIE, CSRF_HEADER, TOKEN_COOKIE } from "../http/access-names";
import { isSameAllowedOrigin } from "../http/hosts";
import { ERROR_STATUS, type ErrorCode } from "../http/refusal";
import { requestShapeProblem } from "../http/request-shape";

export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export interface AccessRequest {
  method: string;
  url: URL;
  headers: Headers;
  cookie: (name: string) => string | undefined;
}

export interface Denial {
  kind: "deny";
  status: number;
  code: ErrorCode;
  message: string;
  /** Extra response headers, e.g. `Allow` on a 405. */
  headers?: Record<string, string>;
}

export type AccessDecision =
  | { kind: "allow" }
  /** `?token=` was right: set the cookie and redirect to the same address without it. */
  | { kind: "login"; location: string; token: string }
  | Denial;

function deny(code: ErrorCode, message: string, headers?: Record<string, string>): Denial {
  return {
    kind: "deny",
    status: ERROR_STATUS[code],
    code,
    message,
    ...(headers ? { headers } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function bearerOf(headers: Headers): string | null {
  const value = headers.get("authorization");
  const match = value ? /^Bearer\s+(.+)$/i.exec(value.trim()) : null;
  return match?.[1] ?? null;
}

function checkAuthentication(req: AccessRequest, env: AccessEnv): AccessDecision {
  if (req.url.pathname === "/api/health") return { kind: "allow" };
  if (env.KMS_DRIFT_TRUST_PROXY_HEADER && !env.KMS_DRIFT_TOKEN) {
    return req.headers.get(env.KMS_DRIFT_TRUST_PROXY_HEADER)
      ? { kind: "allow" }
      : deny("unauthorized", "authentication required (through the reverse proxy)");
  }
  const token = env.KMS_DRIFT_TOKEN;
  if (!token) return { kind: "allow" };
  const query = req.url.searchParams.get("token");
  if (
    query !== null &&
    req.method === "GET" &&
    !req.url.pathname.startsWith("/api/") &&
    sameSecret(query, token)
  ) {
    const clean = new URL(req.url);
    clean.searchParams.delete("token");
    return { kind: "login", location: `${clean.pathname}${clean.search}`, token };
  }
  const given = bearerOf(req.headers) ?? req.cookie(TOKEN_COOKIE);
  if (given && sameSecret(given, token)) return { kind: "allow" };
  return deny(
    "unauthorized",
    "authentication required: send Authorization: Bearer <token>, or open /?token=<token> once",
  );
}

/** State-changing requests must come from our own pages: same origin, and the double-submit token. */
function checkCsrf(req: AccessRequest, env: AccessEnv): AccessDecision {
  if (SAFE_METHODS.has(req.method)) return { kind: "allow" };
  const origin = req.headers.get("origin");
  // The Origin must name the Host the request was sent to, and that Host must be one of ours.
  const sameOrigin = origin
    ? isSameAllowedOrigin(origin, req.headers.get("host"), env.KMS_DRIFT_ALLOWED_HOSTS)
    : req.headers.get("sec-fetch-site") === "same-origin";
  if (!sameOrigin) return deny("forbidden", "cross-origin request refused");
  const header = req.headers.get(CSRF_HEADER);
  const cookie = req.cookie(CSRF_COOKIE);
  if (!header || !cookie || !sameSecret(header, cookie))
    return deny("forbidden", "missing or wrong CSRF token: reload the page and try again");
  return { kind: "allow" };
}

/** Every request's gate: binding sanity, the Host, the request's shape, authentication, then CSRF. */
export function decideAccess(
  req: AccessRequest,
  rawEnv: Record<string, string | undefined> = process.env,
): AccessDecision {
  const env = readAccessEnv(rawEnv);
  if ("problem" in env || bindingProblem(rawEnv))
    return deny("service_unavailable", "the server is misconfigured; see its log");
  const shape = requestShapeProblem(
    { method: req.method, pathname: req.url.pathname, host: req.headers.get("host") },
    env.KMS_DRIFT_ALLOWED_HOSTS,
  );
  if (shape) return deny(shape.code, shape.message, shape.headers);
  const auth = checkAuthentication(req, env);
  if (auth.kind !== "allow") return auth;
  return checkCsrf(req, env);
}
