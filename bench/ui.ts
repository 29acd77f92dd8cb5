/**
 * Dashboard benchmark at Organization scale (prints figures, asserts nothing): `npm run bench:ui`.
 * Seeds a PGlite store with the synthetic snapshot of `bench:org-store` (BENCH_KEYS keys, four per
 * family: 200,000 keys = 50,000 families), serves it with the dashboard alone (no scan, no sandbox:
 * bench/support/serve-store.ts), then measures in Debian's Chromium the time to interactive of
 * /families and the latency of a filter change, and over loopback the API's latency.
 * Targets: interactive < 1.5 s, filter < 100 ms, API p95 < 100 ms.
 * Env: BENCH_KEYS (200000), BENCH_ACCOUNTS (500), BENCH_PORT (3077), BENCH_RUNS (10),
 * BENCH_STORE_DIR (a store seeded before: reused, not deleted), KMS_DRIFT_CHROMIUM (/usr/bin/chromium).
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";
import { seedOrgStore } from "./support/seed-org-store";
import { serveStore } from "./support/serve-store";

const port = Number(process.env.BENCH_PORT ?? 3077);
const keys = Number(process.env.BENCH_KEYS ?? 200_000);
const accounts = Number(process.env.BENCH_ACCOUNTS ?? 500);
const runs = Math.max(10, Number(process.env.BENCH_RUNS ?? 10));
const executablePath = process.env.KMS_DRIFT_CHROMIUM ?? "/usr/bin/chromium";

const loadavg = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Percentiles over the runs that gave a figure; a run without one (its control missing, or no change seen in 5 s) is counted apart. */
function summary(values: number[]): string {
  const measured = values.filter((v) => !Number.isNaN(v));
  const missing = values.length - measured.length;
  return `p50 ${percentile(measured, 50).toFixed(0)} ms, p95 ${percentile(measured, 95).toFixed(0)} ms${
    missing > 0 ? ` (${missing} of ${values.length} runs gave no figure)` : ""
  }`;
}

/** /families opened afresh until its grid shows rows and the search box has React's handlers. */
async function openFamilies(page: Page, base: string): Promise<number> {
  const start = performance.now();
  await page.goto(`${base}/families`, { waitUntil: "commit" });
  await page
    .getByRole("grid", { name: "Families by region" })
    .getByRole("rowheader")
    .first()
    .waitFor();
  // Hydrated: React has attached its props (the input's onChange) to the search box.
  await page.waitForFunction(() => {
    const input = document.querySelector('input[type="search"]');
    return input !== null && Object.keys(input).some((k) => k.startsWith("__reactProps"));
  });
  return performance.now() - start;
}

// Page scripts are strings, not functions: tsx's name helpers do not exist in the page.
const STATUS = `[...document.querySelectorAll('[role="status"]')].find((e) => /families$/.test(e.textContent ?? ""))`;
const UNTIL_STATUS_CHANGES = `(status, before, t) => new Promise((resolve) => {
  const check = () => status.textContent !== before ? requestAnimationFrame(() => resolve(performance.now() - t))
    : performance.now() - t > 5000 ? resolve(NaN) : requestAnimationFrame(check);
  requestAnimationFrame(check);
})`;

/** Search typed in: from the URL's change (after the box's 250 ms debounce) to the count updated. */
async function searchLatency(page: Page, q: string): Promise<number> {
  const ms = await page.evaluate(`(async () => {
    const status = ${STATUS};
    const input = document.querySelector('input[type="search"]');
    if (!status || !input) return NaN;
    const before = status.textContent;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setValue.call(input, ${JSON.stringify(q)});
    input.dispatchEvent(new Event("input", { bubbles: true }));
    const t = await new Promise((resolve) => {
      const check = () => location.search.includes("q=") ? resolve(performance.now()) : requestAnimationFrame(check);
      requestAnimationFrame(check);
    });
    return (${UNTIL_STATUS_CHANGES})(status, before, t);
  })()`);
  return typeof ms === "number" ? ms : NaN;
}

/** A severity picked and applied: from the click on "Apply filters" to the count updated. */
async function severityLatency(page: Page, severity: string): Promise<number> {
  const ms = await page.evaluate(`(async () => {
    const status = ${STATUS};
    const form = document.querySelector('form[aria-label="Filters"]');
    const box = [...(form?.querySelectorAll('input[type="checkbox"]') ?? [])]
      .find((b) => b.closest("label")?.textContent?.trim() === ${JSON.stringify(severity)});
    if (!status || !form || !box) return NaN;
    box.click();
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const apply = [...form.querySelectorAll("button")].find((b) => b.textContent === "Apply filters");
    if (!apply || apply.disabled) return NaN;
    const before = status.textContent;
    const t = performance.now();
    apply.click();
    return (${UNTIL_STATUS_CHANGES})(status, before, t);
  })()`);
  return typeof ms === "number" ? ms : NaN;
}

async function apiLatency(base: string, url: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const t0 = performance.now();
    const response = await fetch(`${base}${url}`);
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    times.push(performance.now() - t0);
  }
  return times;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, "..");
  const reused = process.env.BENCH_STORE_DIR;
  const dataDir = reused ?? (await mkdtemp(path.join(os.tmpdir(), "kms-drift-bench-ui-")));
  try {
    if (!reused) {
      const seeded = await seedOrgStore(dataDir, keys, accounts);
      console.log(
        `seeded ${seeded.families} families (${keys} keys, ${accounts} accounts) in ${(seeded.saveMs / 1000).toFixed(1)} s (load ${loadavg()})`,
      );
    }
    const served = await serveStore(root, dataDir, port);
    try {
      await measure(served.url);
      console.log(`dashboard peak RSS ${served.peakRssMb() ?? "?"} MB`);
    } finally {
      served.close();
    }
  } finally {
    if (!reused) await rm(dataDir, { recursive: true, force: true });
  }
}

async function measure(base: string): Promise<void> {
  const families = (await (await fetch(`${base}/api/families`)).json()) as {
    total: number;
    regions: string[];
  };
  console.log(
    `/families over ${families.total} families × ${families.regions.length} regions (load ${loadavg()})`,
  );
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage();
    const first = await openFamilies(page, base);
    const ttis: number[] = [];
    const search: number[] = [];
    const severity: number[] = [];
    const severities = ["high", "critical", "medium", "low"];
    for (let i = 0; i < runs; i += 1) {
      ttis.push(await openFamilies(page, base));
      search.push(await searchLatency(page, `0000${(0xa0 + i).toString(16)}`));
      await openFamilies(page, base);
      severity.push(await severityLatency(page, severities[i % severities.length] ?? "high"));
    }
    console.log(
      `time to interactive (navigation → rows shown, search box hydrated): first ${first.toFixed(0)} ms; ${summary(ttis)} over ${runs} (target < 1500)`,
    );
    console.log(
      `filter, severity picked → Apply → count and rows updated: ${summary(severity)} over ${runs} (target < 100)`,
    );
    console.log(
      `filter, search typed → (250 ms debounce) URL → count and rows updated: ${summary(search)} over ${runs} (target < 100)`,
    );
  } finally {
    await browser.close();
  }
  for (const url of [
    "/api/families",
    "/api/families?sort=name",
    "/api/families?sort=name&dir=desc",
    "/api/families?severity=high",
    "/api/families?ou=Root%2FWorkloads",
    "/api/families?q=0000abc",
    "/api/families?offset=40000",
    "/api/families?sort=name&offset=40000",
  ]) {
    await apiLatency(base, url, 3);
    console.log(`GET ${url}: ${summary(await apiLatency(base, url, 40))} (target p95 < 100)`);
  }
  console.log(`load average after: ${loadavg()}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
