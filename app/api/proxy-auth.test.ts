import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const TOKEN = "route-level-token-0123456789";
const saved = {
  HOST: process.env.HOST,
  KMS_DRIFT_TOKEN: process.env.KMS_DRIFT_TOKEN,
  KMS_DRIFT_ALLOWED_HOSTS: process.env.KMS_DRIFT_ALLOWED_HOSTS,
};

/** A request as Next.js hands it to the proxy: the URL, and the Host header the client sent. */
function incoming(url: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(url, {
    method: init.method ?? "GET",
    headers: { host: new URL(url).host, ...init.headers },
  });
}

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe("proxy (every request's gate)", () => {
  it("refuses an API request without the token when KMS_DRIFT_TOKEN is set", async () => {
    process.env.HOST = "0.0.0.0";
    process.env.KMS_DRIFT_TOKEN = TOKEN;
    process.env.KMS_DRIFT_ALLOWED_HOSTS = "dash.example";
    const response = proxy(incoming("http://dash.example/api/overview"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: expect.stringContaining("Bearer") },
    });
    const page = proxy(incoming("http://dash.example/families"));
    expect(page.status).toBe(401);
  });

  it("lets the token through, and turns ?token= into an httpOnly cookie and a clean redirect", () => {
    process.env.HOST = "0.0.0.0";
    process.env.KMS_DRIFT_TOKEN = TOKEN;
    process.env.KMS_DRIFT_ALLOWED_HOSTS = "dash.example";
    const ok = proxy(
      incoming("http://dash.example/api/overview", {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    );
    expect(ok.status).toBe(200);
    const login = proxy(incoming(`http://dash.example/families?token=${TOKEN}`));
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("http://dash.example/families");
    expect(login.headers.get("set-cookie")).toMatch(/kms_drift_token=.+HttpOnly.+SameSite=strict/i);
  });

  it("sets a nonce CSP and the security headers on pages", () => {
    delete process.env.KMS_DRIFT_TOKEN;
    process.env.HOST = "127.0.0.1";
    const response = proxy(incoming("http://127.0.0.1/"));
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("refuses a forged Host (DNS rebinding) with 421, the error body and the security headers", async () => {
    delete process.env.KMS_DRIFT_TOKEN;
    process.env.HOST = "127.0.0.1";
    const api = proxy(
      incoming("http://127.0.0.1:3000/api/overview", { headers: { host: "evil.example:3000" } }),
    );
    expect(api.status).toBe(421);
    expect(await api.json()).toEqual({
      error: { code: "misdirected_request", message: expect.stringContaining("host name") },
    });
    expect(api.headers.get("x-content-type-options")).toBe("nosniff");
    expect(api.headers.get("content-security-policy")).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    const page = proxy(
      incoming("http://127.0.0.1:3000/", { headers: { host: "evil.example:3000" } }),
    );
    expect(page.status).toBe(421);
    expect(page.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers malformed paths 400 and unserved methods 405, with the error body", async () => {
    delete process.env.KMS_DRIFT_TOKEN;
    process.env.HOST = "127.0.0.1";
    const bad = proxy(incoming("http://127.0.0.1:3000/api/families/%E0%A4%A"));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: { code: "bad_request", message: "the address has malformed percent-encoding" },
    });
    const put = proxy(incoming("http://127.0.0.1:3000/api/scan", { method: "PUT" }));
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD, POST");
    expect(put.headers.get("referrer-policy")).toBe("no-referrer");
  });
});
