import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

const PAGE_SIZE = 100;
const MEMBER = "444455556666";

interface KeysBody {
  total: number;
  matched: number;
  rows: { keyId: string; account: string }[];
}

async function keysApi(request: APIRequestContext, query = ""): Promise<KeysBody> {
  const response = await request.get(`/api/keys${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as KeysBody;
}

async function openKeys(page: Page, url = "/keys") {
  await page.goto(url);
  // The first snapshot is taken when the server starts; the page refreshes itself when it lands.
  await expect(page.getByRole("region", { name: /^Keys in \d{12} / }).first()).toBeVisible({
    timeout: 120_000,
  });
}

test("/keys pages through the snapshot with real next and previous links", async ({
  page,
  request,
}) => {
  await openKeys(page);
  const { total } = await keysApi(request);
  expect(total).toBeGreaterThan(PAGE_SIZE);
  const pages = Math.ceil(total / PAGE_SIZE);
  const pager = page.getByRole("navigation", { name: "Key pages" }).first();
  await expect(pager).toContainText(`Page 1 of ${pages} · keys 1–${PAGE_SIZE} of ${total}`);
  await expect(page.getByText(`${total} keys in the snapshot`)).toBeVisible();
  await expect(page.getByRole("cell", { name: /^mrk-[0-9a-f]{32}$|^[0-9a-f-]{36}$/ })).toHaveCount(
    PAGE_SIZE,
  );

  const next = pager.getByRole("link", { name: "Next page" });
  await expect(next).toHaveAttribute("href", "/keys?page=2");
  await next.click();
  await expect(page).toHaveURL(/\/keys\?page=2$/);
  await expect(pager).toContainText(
    `Page 2 of ${pages} · keys ${PAGE_SIZE + 1}–${Math.min(2 * PAGE_SIZE, total)} of ${total}`,
  );
  // Page 2 starts where the API's second page does.
  const second = await keysApi(request, `?offset=${PAGE_SIZE}&limit=1`);
  await expect(
    page.getByRole("cell", { name: second.rows[0]?.keyId ?? "?" }).first(),
  ).toBeVisible();

  await pager.getByRole("link", { name: "Previous page" }).click();
  await expect(page).toHaveURL(/\/keys$/);
  await expect(pager).toContainText(`Page 1 of ${pages}`);
});

test("/keys filters by account and by text, in the URL", async ({ page, request }) => {
  await openKeys(page);
  await page.getByLabel("Account").selectOption(MEMBER);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`account=${MEMBER}`));
  const member = await keysApi(request, `?account=${MEMBER}`);
  expect(member.matched).toBeGreaterThan(0);
  expect(member.matched).toBeLessThan(member.total);
  await expect(page.getByText(`${member.matched} match`)).toBeVisible();
  const sections = page.getByRole("region", { name: /^Keys in \d{12} / });
  await expect(sections.first()).toBeVisible();
  for (const name of await sections.evaluateAll((els) =>
    els.map((e) => e.getAttribute("aria-label")),
  ))
    expect(name).toMatch(new RegExp(`^Keys in ${MEMBER} `));
  await expect(page.getByRole("link", { name: "Next page" })).toHaveCount(0);

  await page.goto("/keys?q=ALIAS%2FAPI-KEYS");
  const byText = await keysApi(request, "?q=alias/api-keys");
  expect(byText.matched).toBeGreaterThan(0);
  expect(byText.matched).toBeLessThan(byText.total);
  await expect(page.getByText(`${byText.matched} match`)).toBeVisible();
  await expect(page.getByRole("cell", { name: "alias/api-keys" }).first()).toBeVisible();
});

test("a bad page or filter says which parameter, and the API answers 400", async ({
  page,
  request,
}) => {
  await openKeys(page);
  for (const [url, message] of [
    ["/keys?page=abc", 'Bad query "page": expected a page number'],
    ["/keys?page=0", 'Bad query "page": expected a page number from 1'],
    ["/keys?account=12", 'Bad query "account": expected 12-digit account ids'],
  ] as const) {
    await page.goto(url);
    // Next's route announcer is an alert too: the page's own is the one that says "Bad query".
    await expect(page.getByRole("alert").filter({ hasText: "Bad query" })).toContainText(message);
    await expect(page.getByRole("region", { name: /^Keys in / })).toHaveCount(0);
  }
  const response = await request.get("/api/keys?limit=0");
  expect(response.status()).toBe(400);
  expect(await response.text()).not.toMatch(/\n\s+at /);
});
