import http from "node:http";
import { expect, test } from "@playwright/test";
import { DASHBOARD_PORT } from "./servers";

// Raw HTTP against the production server: Playwright's request context normalises URLs and sets
// Host itself, and these requests must reach the server exactly as a hostile client sends them.

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function raw(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: DASHBOARD_PORT, method, path, headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The headers every answer carries, refusals included. */
function expectSecurityHeaders(response: RawResponse): void {
  expect(response.headers["x-content-type-options"]).toBe("nosniff");
  expect(response.headers["x-frame-options"]).toBe("DENY");
  expect(response.headers["referrer-policy"]).toBe("no-referrer");
  expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
}

function errorOf(response: RawResponse): unknown {
  expect(response.headers["content-type"]).toMatch(/^application\/json/);
  return JSON.parse(response.body);
}

const FORGED = `evil.example:${DASHBOARD_PORT}`;

test.describe("DNS rebinding: a forged Host is refused before anything else", () => {
  test("pages and API views answer 421 to a foreign Host", async () => {
    const page = await raw("GET", "/", { Host: FORGED });
    expect(page.status).toBe(421);
    expect(page.body).toBe(
      "this server does not answer to that host name; it answers to loopback names and KMS_DRIFT_ALLOWED_HOSTS\n",
    );
    expectSecurityHeaders(page);
    const api = await raw("GET", "/api/overview", { Host: FORGED });
    expect(api.status).toBe(421);
    expect(errorOf(api)).toEqual({
      error: {
        code: "misdirected_request",
        message:
          "this server does not answer to that host name; it answers to loopback names and KMS_DRIFT_ALLOWED_HOSTS",
      },
    });
    expectSecurityHeaders(api);
  });

  test("a POST /api/scan whose Host and Origin agree on a foreign name is refused", async () => {
    const before = JSON.parse((await raw("GET", "/api/scan")).body) as { running: boolean };
    const post = await raw("POST", "/api/scan", {
      Host: FORGED,
      Origin: `http://${FORGED}`,
      "x-kms-drift-csrf": "chosen-by-the-attacker",
      Cookie: "kms_drift_csrf=chosen-by-the-attacker",
    });
    expect(post.status).toBe(421);
    expect(errorOf(post)).toMatchObject({ error: { code: "misdirected_request" } });
    const after = JSON.parse((await raw("GET", "/api/scan")).body) as { running: boolean };
    expect(after.running).toBe(before.running);
  });

  test("loopback names still work, on this port", async () => {
    for (const host of [`127.0.0.1:${DASHBOARD_PORT}`, `localhost:${DASHBOARD_PORT}`]) {
      const health = await raw("GET", "/api/health", { Host: host });
      expect(health.status, host).toBe(200);
      expect(JSON.parse(health.body)).toEqual({ ok: true });
      const page = await raw("GET", "/snapshots", { Host: host });
      expect(page.status, host).toBe(200);
      expectSecurityHeaders(page);
    }
  });
});

test.describe("malformed requests answer 4xx with the error body and the security headers", () => {
  for (const path of ["/api/families/%E0%A4%A", "/api/families/%ZZ", "/api/snapshots/%FF%FE"]) {
    test(`GET ${path} is 400 JSON`, async () => {
      const response = await raw("GET", path);
      expect(response.status).toBe(400);
      expect(errorOf(response)).toEqual({
        error: { code: "bad_request", message: "the address has malformed percent-encoding" },
      });
      expectSecurityHeaders(response);
    });
  }

  for (const path of [
    "/families/%E0%A4%A",
    "/families/%ZZ",
    "/families/%FF%FE",
    "/snapshots/%ZZ",
  ]) {
    test(`GET ${path} is a 400 page`, async () => {
      const response = await raw("GET", path);
      expect(response.status).toBe(400);
      expect(response.headers["content-type"]).toBe("text/plain; charset=utf-8");
      expect(response.body).toBe("the address has malformed percent-encoding\n");
      expectSecurityHeaders(response);
    });
  }

  test("TRACE answers 405 with Allow, on pages and the API", async () => {
    const page = await raw("TRACE", "/");
    expect(page.status).toBe(405);
    expect(page.headers.allow).toBe("GET, HEAD");
    expect(page.body).toBe("TRACE is not allowed here\n");
    expectSecurityHeaders(page);
    const api = await raw("TRACE", "/api/overview");
    expect(api.status).toBe(405);
    expect(api.headers.allow).toBe("GET, HEAD, POST");
    expect(errorOf(api)).toEqual({
      error: { code: "method_not_allowed", message: "TRACE is not allowed here" },
    });
    expectSecurityHeaders(api);
  });

  test("an unknown /api path is a JSON 404", async () => {
    for (const path of ["/api/nope", "/api/snapshots/latest/export/extra"]) {
      const response = await raw("GET", path);
      expect(response.status, path).toBe(404);
      expect(errorOf(response)).toEqual({
        error: { code: "not_found", message: "no such API endpoint" },
      });
      expectSecurityHeaders(response);
    }
  });

  test("unknown family and snapshot pages are 404 pages, %25 included", async () => {
    for (const [path, heading] of [
      ["/families/%25", "Family not found"],
      [`/families/${encodeURIComponent("111122223333:alias/nope")}`, "Family not found"],
      ["/snapshots/%25", "Snapshot not found"],
      ["/snapshots/no-such-snapshot", "Snapshot not found"],
    ] as const) {
      const response = await raw("GET", path);
      expect(response.status, path).toBe(404);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.body, path).toContain(heading);
      expectSecurityHeaders(response);
    }
  });
});
