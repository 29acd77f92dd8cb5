import { randomBytes } from "node:crypto";
import { type NextRequest, NextResponse } from "next/server";
import { readAccessEnv } from "@/lib/http/access-env";
import { isApiPath, refusal } from "@/lib/http/refusal";
import { CSRF_COOKIE, TOKEN_COOKIE } from "@/lib/http/access-names";
import {
  contentSecurityPolicy,
  NON_PAGE_CSP,
  STATIC_SECURITY_HEADERS,
} from "@/lib/http/security-headers";
import { decideAccess } from "@/lib/server/access-policy";

function withSecurityHeaders(response: NextResponse, csp: string | null): NextResponse {
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS))
    response.headers.set(name, value);
  if (csp) response.headers.set("Content-Security-Policy", csp);
  return response;
}

const secureCookies = () => {
  const access = readAccessEnv();
  return !("problem" in access) && access.KMS_DRIFT_SECURE_COOKIES === "1";
};

/** The Host check, request shape, authentication, CSRF and the per-request CSP nonce, for every request. */
export function proxy(request: NextRequest): NextResponse {
  const url = new URL(request.nextUrl.href);
  const decision = decideAccess({
    method: request.method,
    url,
    headers: request.headers,
    cookie: (name) => request.cookies.get(name)?.value,
  });
  if (decision.kind === "deny") {
    const { status, headers, body } = refusal(
      url.pathname,
      decision.code,
      decision.message,
      decision.headers,
    );
    return new NextResponse(body, { status, headers });
  }
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
  const isApi = isApiPath(url.pathname);
  const nonce = randomBytes(16).toString("base64");
  const csp = isApi ? NON_PAGE_CSP : contentSecurityPolicy(nonce);
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
