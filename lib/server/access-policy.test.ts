import { describe, expect, it } from "vitest";
import { bindingProblem } from "../http/access-env";
import { CSRF_COOKIE, CSRF_HEADER, TOKEN_COOKIE } from "../http/access-names";
import { isLoopbackHost } from "../http/hosts";
import { decideAccess } from "./access-policy";

const TOKEN = "a-long-enough-token-123";

function request(
  url: string,
  init: {
    method?: string;
    headers?: Record<string, string>;
    cookies?: Record<string, string>;
  } = {},
) {
  const parsed = new URL(url);
  // A real client always sends Host; here it is the URL's unless a test says otherwise.
  return {
    method: init.method ?? "GET",
    url: parsed,
    headers: new Headers({ host: parsed.host, ...init.headers }),
    cookie: (name: string) => init.cookies?.[name],
  };
}

describe("bindingProblem", () => {
  it("allows loopback without a token and refuses a public bind without one", () => {
    expect(isLoopbackHost("127.0.0.1")).toBe(true);
    expect(isLoopbackHost("[::1]")).toBe(true);
    expect(bindingProblem({ HOST: "127.0.0.1" })).toBeNull();
    expect(bindingProblem({ HOST: "0.0.0.0" })).toMatch(/KMS_DRIFT_TOKEN/);
    const hosts = { KMS_DRIFT_ALLOWED_HOSTS: "dash.example.com" };
    expect(bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TOKEN: TOKEN, ...hosts })).toBeNull();
    expect(
      bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TRUST_PROXY_HEADER: "X-Auth-User", ...hosts }),
    ).toBeNull();
    expect(bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TOKEN: "short", ...hosts })).toMatch(
      /KMS_DRIFT_TOKEN/,
    );
  });

  it("refuses a public bind without a Host allow-list, and an invalid allow-list anywhere", () => {
    expect(bindingProblem({ HOST: "0.0.0.0", KMS_DRIFT_TOKEN: TOKEN })).toBe(
      "HOST=0.0.0.0 is not loopback: set KMS_DRIFT_ALLOWED_HOSTS to the host names the dashboard is reached by (e.g. dash.example.com,10.0.0.5:3000)",
    );
    expect(
      bindingProblem({ HOST: "127.0.0.1", KMS_DRIFT_ALLOWED_HOSTS: "dash.example.com:0" }),
    ).toBe(
      'invalid environment variable KMS_DRIFT_ALLOWED_HOSTS: "dash.example.com:0" is not a host name, an IP address or [IPv6], with an optional :port',
    );
  });

  it("denies every request while misconfigured", () => {
    expect(decideAccess(request("http://h/"), { HOST: "0.0.0.0" })).toEqual({
      kind: "deny",
      status: 503,
      code: "service_unavailable",
      message: "the server is misconfigured; see its log",
    });
  });
});

describe("decideAccess with a token", () => {
  const env = { HOST: "0.0.0.0", KMS_DRIFT_TOKEN: TOKEN, KMS_DRIFT_ALLOWED_HOSTS: "h" };

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
  const env = {
    HOST: "0.0.0.0",
    KMS_DRIFT_TRUST_PROXY_HEADER: "X-Auth-User",
    KMS_DRIFT_ALLOWED_HOSTS: "h",
  };
  it("requires the header the proxy sets", () => {
    expect(decideAccess(request("http://h/"), env)).toMatchObject({ kind: "deny", status: 401 });
    expect(
      decideAccess(request("http://h/", { headers: { "x-auth-user": "alice" } }), env),
    ).toEqual({ kind: "allow" });
  });
});

describe("CSRF on state-changing requests", () => {
  const env = { HOST: "127.0.0.1", KMS_DRIFT_ALLOWED_HOSTS: "h" };
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

describe("the Host check (DNS rebinding)", () => {
  const loopback = { HOST: "127.0.0.1" };
  const misdirected = {
    kind: "deny",
    status: 421,
    code: "misdirected_request",
    message:
      "this server does not answer to that host name; it answers to loopback names and KMS_DRIFT_ALLOWED_HOSTS",
  };

  it("answers loopback names on any port by default", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "localhost", "127.1.2.3", "[::1]:8080"])
      expect(
        decideAccess(request("http://127.0.0.1/api/overview", { headers: { host } }), loopback),
        host,
      ).toEqual({ kind: "allow" });
  });

  it("refuses any other name first: before authentication and before CSRF", () => {
    for (const host of [
      "evil.example:3300",
      "evil.example",
      "0.0.0.0:3000",
      "localhost.",
      "127.0.0.1.evil.example",
    ])
      expect(
        decideAccess(request("http://127.0.0.1/", { headers: { host } }), loopback),
        host,
      ).toEqual(misdirected);
    // A token does not make a foreign Host acceptable.
    const withToken = {
      HOST: "0.0.0.0",
      KMS_DRIFT_TOKEN: TOKEN,
      KMS_DRIFT_ALLOWED_HOSTS: "dash.example.com",
    };
    expect(
      decideAccess(
        request("http://x/api/overview", {
          headers: { host: "evil.example", authorization: `Bearer ${TOKEN}` },
        }),
        withToken,
      ),
    ).toEqual(misdirected);
    expect(decideAccess(request("http://x/", { headers: { host: "" } }), loopback)).toEqual(
      misdirected,
    );
  });

  it("refuses a rebinding page's same-origin POST (forged Host and Origin agree)", () => {
    expect(
      decideAccess(
        request("http://evil.example:3300/api/scan", {
          method: "POST",
          headers: { origin: "http://evil.example:3300", [CSRF_HEADER]: "v" },
          cookies: { [CSRF_COOKIE]: "v" },
        }),
        loopback,
      ),
    ).toEqual(misdirected);
  });

  it("answers the allow-listed names, with the port when one is given", () => {
    const env = {
      ...loopback,
      KMS_DRIFT_ALLOWED_HOSTS: "Dash.Example.com, 10.0.0.5:3000,[fd00::5]",
    };
    const allowed = (host: string) =>
      decideAccess(request("http://x/", { headers: { host } }), env).kind;
    expect(allowed("dash.example.com")).toBe("allow");
    expect(allowed("DASH.example.com:8443")).toBe("allow");
    expect(allowed("10.0.0.5:3000")).toBe("allow");
    expect(allowed("10.0.0.5:3001")).toBe("deny");
    expect(allowed("10.0.0.5")).toBe("deny");
    expect(allowed("[fd00::5]:3000")).toBe("allow");
    expect(allowed("sub.dash.example.com")).toBe("deny");
  });

  it("accepts a POST only when its Origin names the allowed Host it was sent to", () => {
    const env = { ...loopback, KMS_DRIFT_ALLOWED_HOSTS: "dash.example.com" };
    const post = (host: string, origin: string) =>
      decideAccess(
        request("http://x/api/scan", {
          method: "POST",
          headers: { host, origin, [CSRF_HEADER]: "v" },
          cookies: { [CSRF_COOKIE]: "v" },
        }),
        env,
      );
    expect(post("dash.example.com", "https://dash.example.com")).toEqual({ kind: "allow" });
    expect(post("127.0.0.1:3000", "http://127.0.0.1:3000")).toEqual({ kind: "allow" });
    expect(post("127.0.0.1:3000", "http://localhost:3000")).toMatchObject({ status: 403 });
    expect(post("dash.example.com", "https://evil.example")).toMatchObject({ status: 403 });
    expect(post("dash.example.com", "null")).toMatchObject({ status: 403 });
  });
});

describe("the request's shape", () => {
  const env = { HOST: "127.0.0.1" };

  it("answers 400 for malformed percent-encoding in the path", () => {
    for (const path of ["/api/families/%E0%A4%A", "/families/%ZZ", "/families/%FF%FE", "/%"])
      expect(decideAccess(request(`http://127.0.0.1:3000${path}`), env), path).toEqual({
        kind: "deny",
        status: 400,
        code: "bad_request",
        message: "the address has malformed percent-encoding",
      });
    expect(decideAccess(request("http://127.0.0.1:3000/families/%25"), env)).toEqual({
      kind: "allow",
    });
  });

  it("answers 405 with Allow for methods nothing here serves", () => {
    for (const [method, path] of [
      ["TRACE", "/"],
      ["POST", "/families"],
    ])
      expect(decideAccess(request(`http://127.0.0.1${path}`, { method }), env)).toEqual({
        kind: "deny",
        status: 405,
        code: "method_not_allowed",
        message: `${method} is not allowed here`,
        headers: { Allow: "GET, HEAD" },
      });
    expect(
      decideAccess(request("http://127.0.0.1/api/overview", { method: "DELETE" }), env),
    ).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, POST" } });
    expect(
      decideAccess(request("http://127.0.0.1/api/overview", { method: "OPTIONS" }), env),
    ).toMatchObject({ status: 405 });
    expect(decideAccess(request("http://127.0.0.1/", { method: "HEAD" }), env)).toEqual({
      kind: "allow",
    });
  });
});
