import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";

export const TOKEN_COOKIE = "kms_drift_token";
export const CSRF_COOKIE = "kms_drift_csrf";
export const CSRF_HEADER = "x-kms-drift-csrf";

const accessEnvSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  KMS_DRIFT_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  KMS_DRIFT_TRUST_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "expected an HTTP header name")
    .transform((s) => s.toLowerCase())
    .optional(),
});
export type AccessEnv = z.infer<typeof accessEnvSchema>;

export function readAccessEnv(
  env: Record<string, string | undefined> = process.env,
): AccessEnv | { problem: string } {
  const parsed = accessEnvSchema.safeParse({
    ...env,
    KMS_DRIFT_TOKEN: env.KMS_DRIFT_TOKEN || undefined,
    KMS_DRIFT_TRUST_PROXY_HEADER: env.KMS_DRIFT_TRUST_PROXY_HEADER || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: `invalid environment variable ${String(issue?.path[0])}: ${issue?.message}` };
  }
  return parsed.data;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Why the server must not serve (a non-loopback bind without authentication), or null when it may. */
export function bindingProblem(
  env: Record<string, string | undefined> = process.env,
): string | null {
  const access = readAccessEnv(env);
  if ("problem" in access) return access.problem;
  if (isLoopbackHost(access.HOST) || access.KMS_DRIFT_TOKEN || access.KMS_DRIFT_TRUST_PROXY_HEADER)
    return null;
  return `HOST=${access.HOST} is not loopback: set KMS_DRIFT_TOKEN (a bearer token) or KMS_DRIFT_TRUST_PROXY_HEADER (the header your authenticating reverse proxy sets)`;
}

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

export type AccessDecision =
  | { kind: "allow" }
  /** `?token=` was right: set the cookie and redirect to the same address without it. */
  | { kind: "login"; location: string; token: string }
  | {
      kind: "deny";
      status: 401 | 403 | 503;
      code: "unauthorized" | "forbidden" | "internal_error";
      message: string;
    };

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
      : {
          kind: "deny",
          status: 401,
          code: "unauthorized",
          message: "authentication required (through the reverse proxy)",
        };
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
  return {
    kind: "deny",
    status: 401,
    code: "unauthorized",
    message:
      "authentication required: send Authorization: Bearer <token>, or open /?token=<token> once",
  };
}

/** State-changing requests must come from our own pages: same origin, and the double-submit token. */
function checkCsrf(req: AccessRequest): AccessDecision {
  if (SAFE_METHODS.has(req.method)) return { kind: "allow" };
  const host = req.headers.get("host");
  const origin = req.headers.get("origin");
  let sameOrigin = false;
  if (origin && host) {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  } else {
    sameOrigin = req.headers.get("sec-fetch-site") === "same-origin";
  }
  if (!sameOrigin)
    return {
      kind: "deny",
      status: 403,
      code: "forbidden",
      message: "cross-origin request refused",
    };
  const header = req.headers.get(CSRF_HEADER);
  const cookie = req.cookie(CSRF_COOKIE);
  if (!header || !cookie || !sameSecret(header, cookie)) {
    return {
      kind: "deny",
      status: 403,
      code: "forbidden",
      message: "missing or wrong CSRF token: reload the page and try again",
    };
  }
  return { kind: "allow" };
}

/** Every request's gate: binding sanity, authentication, then CSRF for state-changing methods. */
export function decideAccess(
  req: AccessRequest,
  rawEnv: Record<string, string | undefined> = process.env,
): AccessDecision {
  const problem = bindingProblem(rawEnv);
  if (problem)
    return {
      kind: "deny",
      status: 503,
      code: "internal_error",
      message: "the server is misconfigured; see its log",
    };
  const env = readAccessEnv(rawEnv);
  if ("problem" in env)
    return {
      kind: "deny",
      status: 503,
      code: "internal_error",
      message: "the server is misconfigured; see its log",
    };
  const auth = checkAuthentication(req, env);
  if (auth.kind !== "allow") return auth;
  return checkCsrf(req);
}
