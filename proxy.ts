import { randomBytes } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { CSRF_COOKIE, decideAccess, TOKEN_COOKIE } from "@/lib/server/access-policy";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/server/security-headers";

function withSecurityHeaders(response: NextResponse, csp: string | null): NextResponse {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS))
    response.headers.set(name, value);
  if (csp) response.headers.set("Content-Security-Policy", csp);
  return response;
}

function denied(request: NextRequest, status: number, code: string, message: string): NextResponse {
  const body = { error: { code, message } };
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const response = isApi
    ? NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } })
    : new NextResponse(`${message}\n`, {
        status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
  return withSecurityHeaders(response, "default-src 'none'; frame-ancestors 'none'");
}

const secureCookies = () => process.env.KMS_DRIFT_SECURE_COOKIES === "1";

/** Authentication, CSRF and the per-request CSP nonce for every page and API request. */
export function proxy(request: NextRequest): NextResponse {
  const decision = decideAccess({
    method: request.method,
    url: new URL(request.nextUrl.href),
    headers: request.headers,
    cookie: (name) => request.cookies.get(name)?.value,
  });
  if (decision.kind === "deny")
    return denied(request, decision.status, decision.code, decision.message);
  if (decision.kind === "login") {
    const response = NextResponse.redirect(new URL(decision.location, request.nextUrl), 303);
    response.cookies.set(TOKEN_COOKIE, decision.token, {
      httpOnly: true,
      sameSite: "strict",
      path: "/",
      secure: secureCookies(),
    });
    return withSecurityHeaders(response, null);
  }
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = randomBytes(16).toString("base64");
  const csp = isApi ? "default-src 'none'; frame-ancestors 'none'" : contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  if (!isApi) {
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("Content-Security-Policy", csp);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (!request.cookies.get(CSRF_COOKIE)) {
    // Double-submit token: readable by our scripts (not httpOnly), never sent cross-site (SameSite=Strict).
    response.cookies.set(CSRF_COOKIE, randomBytes(24).toString("base64url"), {
      httpOnly: false,
      sameSite: "strict",
      path: "/",
      secure: secureCookies(),
    });
  }
  return withSecurityHeaders(response, csp);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
