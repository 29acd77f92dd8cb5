import { describe, expect, it } from "vitest";
import {
  bindingProblem,
  CSRF_COOKIE,
  CSRF_HEADER,
  decideAccess,
  isLoopbackHost,
  TOKEN_COOKIE,
} from "./access-policy";

const TOKEN = "a-long-enough-token-123";

function request(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    cookies?: Record<string, string>;
  } = {},
) {
  return {
    method: init.method ?? "GET",
    url: new URL(url),
    headers: new Headers(init.headers),
    cookie: (name: string) => init.cookies?.[name],
  };
}

describe("bindingProblem", () => {
  it("allows loopback without a token and refuses a public bind without one", () => {
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(bindingProblem({ HOST: "127.0.0.1" })).toBeNull();
    expect(bindingProblem({ HOST: "0.0.0.0" })).toMatch(/KMS_DRIFT_TOKEN/);
    expect(bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TOKEN: TOKEN })).toBeNull();
    expect(
      bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TRUST_PROXY_HEADER: "X-Auth-User" }),
    ).toBeNull();
    expect(bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TOKEN: "short" })).toMatch(
      /KMS_DRIFT_TOKEN/,
    );
  });

  it("denies every request while misconfigured", () => {
    expect(decideAccess(request("http://h/"), { HOST: "0.0.0.0" })).toMatchObject({
      kind: "deny",
      status: 503,
    });
  });
});

describe("decideAccess with a token", () => {
  const env = { HOST: "0.0.0.0", KMS_DRIFT_TOKEN: TOKEN };

  it("refuses pages and API calls without the token", () => {
    expect(decideAccess(request("http://h/api/overview"), env)).toMatchObject({
      kind: "deny",
      status: 401,
      code: "unauthorized",
    });
    expect(decideAccess(request("http://h/families"), env)).toMatchObject({
      kind: "deny",
      status: 401,
    });
    expect(
      decideAccess(
        request("http://h/", { headers: { authorization: "Bearer wrong-token-000000" } }),
        env,
      ),
    ).toMatchObject({ kind: "deny" });
  });

  it("accepts the bearer header or the cookie, and keeps health open", () => {
    expect(
      decideAccess(
        request("http://h/api/overview", { headers: { authorization: `Bearer ${TOKEN}` } }),
        env,
      ),
    ).toEqual({ kind: "allow" });
    expect(
      decideAccess(request("http://h/families", { cookies: { [TOKEN_COOKIE]: TOKEN } }), env),
    ).toEqual({ kind: "allow" });
    expect(decideAccess(request("http://h/api/health"), env)).toEqual({ kind: "allow" });
  });

  it("logs in once with ?token= and redirects without it", () => {
    expect(decideAccess(request(`http://h/families?severity=high&token=${TOKEN}`), env)).toEqual({
      kind: "login",
      location: "/families?severity=high",
      token: TOKEN,
    });
    expect(decideAccess(request("http://h/?token=wrong-token-000000"), env)).toMatchObject({
      kind: "deny",
    });
  });
});

describe("decideAccess with a trusted proxy header", () => {
  const env = { HOST: "0.0.0.0", KMS_DRIFT_TRUST_PROXY_HEADER: "X-Auth-User" };
  it("requires the header the proxy sets", () => {
    expect(decideAccess(request("http://h/"), env)).toMatchObject({ kind: "deny", status: 401 });
    expect(
      decideAccess(request("http://h/", { headers: { "x-auth-user": "alice" } }), env),
    ).toEqual({ kind: "allow" });
  });
});

describe("CSRF on state-changing requests", () => {
  const env = { HOST: "127.0.0.1" };
  const good = { host: "h", origin: "http://h", [CSRF_HEADER]: "csrf-value" };

  it("accepts a same-origin POST with the double-submit token", () => {
    expect(
      decideAccess(
        request("http://h/api/scan", {
          method: "POST",
          headers: good,
          cookies: { [CSRF_COOKIE]: "csrf-value" },
        }),
        env,
      ),
    ).toEqual({ kind: "allow" });
  });

  it("refuses a cross-origin POST, a missing token or a mismatched one", () => {
    const cookies = { [CSRF_COOKIE]: "csrf-value" };
    expect(
      decideAccess(
        request("http://h/api/scan", {
          method: "POST",
          headers: { ...good, origin: "http://evil" },
          cookies,
        }),
        env,
      ),
    ).toMatchObject({ status: 403 });
    expect(
      decideAccess(
        request("http://h/api/scan", {
          method: "POST",
          headers: { host: "h", origin: "http://h" },
          cookies,
        }),
        env,
      ),
    ).toMatchObject({ status: 403 });
    expect(
      decideAccess(
        request("http://h/api/scan", {
          method: "POST",
          headers: good,
          cookies: { [CSRF_COOKIE]: "other" },
        }),
        env,
      ),
    ).toMatchObject({ status: 403 });
    expect(
      decideAccess(
        request("http://h/api/scan", {
          method: "POST",
          headers: { host: "h", [CSRF_HEADER]: "csrf-value" },
          cookies,
        }),
        env,
      ),
    ).toMatchObject({ status: 403 });
  });
});
