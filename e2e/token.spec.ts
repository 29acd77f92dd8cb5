import { expect, test } from "@playwright/test";
import { TOKEN_SERVER } from "./servers";

test.describe("a dashboard started with KMS_DRIFT_TOKEN", () => {
  test("refuses pages and API requests without the token", async ({ page, request }) => {
    const api = await request.get(`${TOKEN_SERVER.url}/api/overview`);
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({
      error: { code: "unauthorized", message: expect.any(String) },
    });
    const wrong = await request.get(`${TOKEN_SERVER.url}/api/overview`, {
      headers: { Authorization: "Bearer not-the-token" },
    });
    expect(wrong.status()).toBe(401);
    const pageResponse = await page.goto(`${TOKEN_SERVER.url}/families`);
    expect(pageResponse?.status()).toBe(401);
    expect(await page.content()).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  test("accepts the bearer token, and a browser that opened /?token= once", async ({
    page,
    request,
  }) => {
    const api = await request.get(`${TOKEN_SERVER.url}/api/overview`, {
      headers: { Authorization: `Bearer ${TOKEN_SERVER.token}` },
    });
    expect(api.status()).toBe(200);
    const first = await page.goto(`${TOKEN_SERVER.url}/?token=${TOKEN_SERVER.token}`);
    expect(first?.status()).toBe(200);
    expect(new URL(page.url()).search).toBe("");
    await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
    const next = await page.goto(`${TOKEN_SERVER.url}/families`);
    expect(next?.status()).toBe(200);
  });
});
