import { describe, expect, it } from "vitest";
import { refusal } from "./refusal";

describe("refusal", () => {
  it("is the JSON error body under /api, with the security headers", () => {
    const answer = refusal("/api/nope", "misdirected_request", "wrong host");
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "misdirected_request", message: "wrong host" },
    });
    expect(answer.headers).toMatchObject({
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    });
  });

  it("is a one-line text page elsewhere, keeping extra headers", () => {
    const answer = refusal("/families", "method_not_allowed", "TRACE is not allowed here", {
      Allow: "GET, HEAD",
    });
    expect(answer).toMatchObject({
      status: 405,
      body: "TRACE is not allowed here\n",
      headers: { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" },
    });
  });
});
