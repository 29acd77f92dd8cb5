import { expect, test, type APIRequestContext } from "@playwright/test";
import type { Finding } from "../lib/domain/finding";
import { createOcsfValidator } from "../lib/report/ocsf/testing-validator";
import { verifyBundle } from "../lib/report/verify-bundle";
import { FamiliesPage } from "./pages/families-page";
import { FamilyPage } from "./pages/family-page";
import { OverviewPage } from "./pages/overview-page";
import { SnapshotsPage } from "./pages/snapshots-page";
import { waitForSnapshotAndIdleScanner } from "./server-state";

// One server for every spec. No test relies on another having run: each waits for a snapshot and
// an idle scanner, and the scan test only asserts what its own scan changed. Rescanning the
// deterministic sandbox world finds the same keys and findings, so the others are unaffected.
test.beforeEach(async ({ request }) => {
  await waitForSnapshotAndIdleScanner(request);
});

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

test("overview shows the latest snapshot, its regions and the trend", async ({ page }) => {
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.waitForSnapshot();
  for (const name of [
    "Open findings",
    "Drifted families",
    "Residency violations",
    "DR-readiness gaps",
    "Regions scanned",
    "Findings over time",
  ]) {
    await expect(overview.region(name)).toBeVisible();
  }
  await expect(
    overview.region("Regions scanned").getByRole("cell", { name: "not-enabled" }).first(),
  ).toBeVisible();
  await overview.screenshot("overview");
  await overview.expectNoDialogs();
});

test("a planted policy drift is found from the overview, with its access delta and actor", async ({
  page,
  request,
}) => {
  const { findings } = await getJson<{ findings: Finding[] }>(
    request,
    "/api/findings?property=policy",
  );
  const titles = findings.map((f) => f.title);
  const planted = findings.find(
    (f) =>
      !f.waived &&
      titles.filter((t) => t === f.title).length === 1 &&
      f.title.includes(" can now call "),
  );
  expect(planted, "a policy finding that widens access").toBeDefined();
  if (!planted) return;
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.findingLink(planted.title).click();
  const family = new FamilyPage(page);
  await family.expectLoaded();
  const card = family.finding(planted.title);
  const firstChange = family.accessDelta(planted.title).getByRole("listitem").first();
  await expect(firstChange).toContainText(/can now call kms:\w+ .* — statement .*; denied in /);
  // The witness request behind the words, for a reviewer to check by hand.
  await firstChange.getByText("witness request").click();
  await expect(firstChange.getByText(/"callerIam"/)).toBeVisible();
  const actor = planted.attribution[0]?.actor;
  if (!actor) throw new Error("the demo world's CloudTrail names who widened this policy");
  await expect(card.getByText(actor).first()).toBeVisible();
  await expect(card.getByRole("button", { name: /^Copy remediation command 1/ })).toBeVisible();
  await family.screenshot("family-report");
  await family.expectNoDialogs();
});

test("families filters work from the URL and from the chips", async ({ page, request }) => {
  const all = await getJson<{ rows: unknown[]; total: number }>(request, "/api/families");
  const critical = await getJson<{ rows: unknown[] }>(request, "/api/families?severity=critical");
  const families = new FamiliesPage(page);
  await families.open("severity=critical");
  await families.expectCount(critical.rows.length, all.total);
  await families.chip("severity: critical").click();
  await families.expectCount(all.total, all.total);
  await expect(page).toHaveURL(/\/families$/);

  await families.stageAndApply("Property", "residency");
  await expect(page).toHaveURL(/property=residency/);
  const residency = await getJson<{ rows: unknown[] }>(request, "/api/families?property=residency");
  await families.expectCount(residency.rows.length, all.total);
  await expect(families.chip("property: residency")).toBeVisible();

  await families.chip("property: residency").click();
  await families.searchBox().fill("xss");
  await expect(page).toHaveURL(/q=xss/);
  const xss = await getJson<{ rows: unknown[] }>(request, "/api/families?q=xss");
  await families.expectCount(xss.rows.length, all.total);
  await families.screenshot("families-filtered");
  await families.expectNoDialogs();
});

test("the matrix is keyboard navigable and Enter opens the family", async ({ page }) => {
  const families = new FamiliesPage(page);
  await families.open("sort=name");
  const grid = families.grid();
  await expect(grid).toBeVisible();
  await families.screenshot("families");
  const first = grid.getByRole("rowheader").first();
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await expect(grid.getByRole("gridcell").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  const focused = page.locator(":focus");
  await expect(focused).toHaveAttribute("role", "gridcell");
  await expect(focused).toHaveAttribute("aria-colindex", "2");
  await page.keyboard.press("ArrowLeft");
  await expect(page.locator(":focus")).toHaveAttribute("role", "rowheader");
  const name = (await page.locator(":focus").getByRole("link").textContent()) ?? "";
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page).toHaveURL(/\/families\/\d{12}%3A/);
});

test("injection strings from the sandbox render as inert text", async ({ page, request }) => {
  const { rows } = await getJson<{ rows: { id: string }[] }>(request, "/api/families?q=xss-probe");
  const target = rows[0];
  expect(target).toBeDefined();
  if (!target) return;
  const family = new FamilyPage(page);
  await family.open(target.id);
  await family.expectLoaded();
  await expect(page.getByText("<script>alert(1)</script>").first()).toBeVisible();
  await expect(page.getByText('"><img src=x onerror=alert(1)>').first()).toBeVisible();
  await page.goto("/keys");
  await expect(page.getByRole("heading", { name: "Keys by region" })).toBeVisible();
  await family.expectNoDialogs();
});

test("residency shows the map, the rules and the violations with their evidence", async ({
  page,
  request,
}) => {
  const { violations } = await getJson<{
    violations: { evidence: { eventName: string; actor: string; region: string }[] }[];
  }>(request, "/api/residency");
  const evidence = violations[0]?.evidence[0];
  if (!evidence)
    throw new Error(
      "the demo world's first residency violation has a ReplicateKey/CreateKey event",
    );
  await page.goto("/residency");
  await expect(
    page.getByRole("img", { name: "World map of the regions holding key material" }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Rules" }).getByText("eu-pii", { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Violations" }).getByRole("listitem").first(),
  ).toContainText(`${evidence.eventName} by ${evidence.actor} in ${evidence.region}`);
  await page.screenshot({ path: "test-results/screenshots/residency.png", fullPage: true });
});

test("a replica nobody uses is a usage finding; its family shows last use and DR readiness says so", async ({
  page,
  request,
}) => {
  const { findings } = await getJson<{ findings: Finding[] }>(
    request,
    "/api/findings?property=usage",
  );
  const never = findings.find((f) => f.title.includes("has never been used"));
  if (!never) throw new Error("the demo world plants a replica that was never used");
  const family = new FamilyPage(page);
  await family.open(never.familyId);
  await family.expectLoaded();
  await expect(family.finding(never.title)).toBeVisible();
  await expect(page.getByRole("row", { name: /^Last use/ })).toContainText(
    /(Encrypt|Decrypt|GenerateDataKey) on /,
  );
  await expect(page.getByRole("region", { name: "DR readiness" })).toContainText(
    `In ${never.region}: never used in this region`,
  );
  await page.goto("/residency");
  const lastUse = page.getByRole("region", { name: "Last use by region" });
  await expect(lastUse.getByRole("row", { name: /^us-east-1 / })).toContainText(
    / at \d{4}-\d\d-\d\d /,
  );
});

test("Scan now shows live progress to done, then two snapshots compare", async ({
  page,
  request,
}) => {
  const before = await getJson<{ lastOutcome: { finishedAt: string } | null }>(
    request,
    "/api/scan",
  );
  const stored = (await getJson<{ snapshots: unknown[] }>(request, "/api/snapshots")).snapshots
    .length;
  const overview = new OverviewPage(page);
  await overview.open();
  await overview.waitForSnapshot();
  await overview.scanNowButton().click();
  await expect(overview.progressBar()).toBeVisible();
  await expect(overview.progressBar()).toHaveAttribute("aria-valuetext", "done, 100%", {
    timeout: 90_000,
  });
  await expect(overview.scanNowButton()).toBeEnabled();
  const after = await getJson<{ lastOutcome: { finishedAt: string; status: string } | null }>(
    request,
    "/api/scan",
  );
  expect(after.lastOutcome?.status).toBe("ok");
  expect(after.lastOutcome?.finishedAt).not.toBe(before.lastOutcome?.finishedAt);
  await overview.screenshot("overview-after-scan");

  const snapshots = new SnapshotsPage(page);
  await snapshots.open();
  await expect(snapshots.historyLinks()).toHaveCount(stored + 1, { timeout: 15_000 });
  await snapshots.screenshot("snapshots");
  await snapshots.compareNewestTwo();
  await expect(page.getByRole("status").filter({ hasText: /new · \d+ resolved/ })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/compare.png", fullPage: true });

  await snapshots.open();
  await snapshots.historyLinks().first().click();
  await expect(page.getByRole("heading", { name: "Downloads" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/snapshot.png", fullPage: true });
});

test("every download is served and checks out", async ({ request }) => {
  const base = "/api/snapshots/latest/export?format=";
  const bundle = await request.get(`${base}bundle`);
  expect(bundle.headers()["cache-control"]).toBe("no-store");
  expect(bundle.headers()["content-disposition"]).toMatch(
    /^attachment; filename="kms-drift-[A-Za-z0-9._-]+\.evidence\.json"$/,
  );
  expect(verifyBundle(await bundle.json())).toEqual({ ok: true, problems: [] });
  const csv = await request.get(`${base}csv`);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await csv.text()).split("\n")[0]).toMatch(
    /^snapshot_id,finding_id,severity,property,family_id/,
  );
  const html = await request.get(`${base}html`);
  expect(await html.text()).toMatch(/<title>kms-drift report — [^<]+<\/title>/);
  const asff = await request.get(`${base}asff`);
  expect(Array.isArray(await asff.json())).toBe(true);
  const ocsf = await request.get(`${base}ocsf`);
  expect(ocsf.headers()["content-disposition"]).toMatch(/\.ocsf\.json"$/);
  const ocsfFindings = (await ocsf.json()) as unknown[];
  const validateOcsf = createOcsfValidator();
  expect(ocsfFindings.length).toBeGreaterThan(0);
  expect(ocsfFindings.flatMap((f) => validateOcsf(f))).toEqual([]);
  const bad = await request.get(`${base}pdf`);
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({
    error: { code: "bad_request", message: expect.stringContaining('"format"') },
  });
});

test("bad addresses answer 404 pages and 404/400 JSON", async ({ page, request }) => {
  const missing = await page.goto(
    `/families/${encodeURIComponent("111122223333:alias/does-not-exist")}`,
  );
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Family not found" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/family-not-found.png", fullPage: true });
  expect((await request.get("/api/families/not-an-id")).status()).toBe(400);
  expect(
    (await request.get(`/api/families/${encodeURIComponent("111122223333:alias/nope")}`)).status(),
  ).toBe(404);
  const post = await request.post("/api/scan", { headers: { Origin: "http://evil.example" } });
  expect(post.status()).toBe(403);
});
