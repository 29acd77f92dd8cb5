import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const TOKEN = "route-level-token-0123456789";
const saved = { HOST: process.env.HOST, KMS_DRIFT_TOKEN: process.env.KMS_DRIFT_TOKEN };

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
    const response = proxy(new NextRequest("http://dash.example/api/overview"));
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: "unauthorized", message: expect.stringContaining("Bearer") },
    });
    const page = proxy(new NextRequest("http://dash.example/families"));
    expect(page.status).toBe(401);
  });

  it("lets the token through, and turns ?token= into an httpOnly cookie and a clean redirect", () => {
    process.env.HOST = "0.0.0.0";
    process.env.KMS_DRIFT_TOKEN = TOKEN;
    const ok = proxy(
      new NextRequest("http://dash.example/api/overview", {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    );
    expect(ok.status).toBe(200);
    const login = proxy(new NextRequest(`http://dash.example/families?token=${TOKEN}`));
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("http://dash.example/families");
    expect(login.headers.get("set-cookie")).toMatch(/kms_drift_token=.+HttpOnly.+SameSite=strict/i);
  });

  it("sets a nonce CSP and the security headers on pages", () => {
    delete process.env.KMS_DRIFT_TOKEN;
    process.env.HOST = "127.0.0.1";
    const response = proxy(new NextRequest("http://127.0.0.1/"));
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("permissions-policy")).toContain("camera=()");
  });
});
