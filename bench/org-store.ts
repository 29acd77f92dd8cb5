/**
 * Organization-scale store benchmark (prints figures, asserts nothing): on PGlite (or PostgreSQL
 * when DATABASE_URL is set), the save of a synthetic 200,000-key snapshot (50,000 four-region
 * families over 500 accounts in 5 OUs), the comparison of two of them, the /api/families query
 * (first page, filtered pages) at 50,000 families, a family's slice, and the peak RSS; each save
 * with the load average around it, its CPU time and the RSS and heap it added at its peak.
 * The snapshot is generated here (fast, deterministic), not scanned: `bench:org` measures the scan.
 * Usage: npm run bench:org-store -- [--keys 200000] [--accounts 500] [--runs 40]
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { openStore } from "../lib/store/store";
import type { FamilyPageQuery, SnapshotStore } from "../lib/store/store-types";
import { accountId, generate } from "./support/org-snapshot";
import { DEFAULT_FILTERS, FAMILY_PAGE_SIZE } from "../lib/views/family-filters";

const ms = (n: number) => `${n.toFixed(1)} ms`;
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ")[0] ?? "?";

/**
 * The peak RSS and heap while `fn` runs, over what they were when it started (sampled every 20 ms:
 * the save gives the event loop a turn between batches), and the CPU time it took.
 */
async function measured<T>(fn: () => Promise<T>): Promise<[T, string]> {
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 20);
  const cpu = process.cpuUsage();
  try {
    const result = await fn();
    sample();
    const used = process.cpuUsage(cpu);
    return [
      result,
      `CPU ${((used.user + used.system) / 1e6).toFixed(1)} s; RSS ${mb(start.rss)} -> peak ${mb(rss)} MB (+${mb(rss - start.rss)}), heap ${mb(start.heapUsed)} -> peak ${mb(heap)} MB (+${mb(heap - start.heapUsed)})`,
    ];
  } finally {
    clearInterval(timer);
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The API's work for one request: the SQL page and its JSON body. */
async function apiLatency(
  store: SnapshotStore,
  label: string,
  query: Partial<FamilyPageQuery>,
  runs: number,
): Promise<void> {
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < runs; i += 1) {
    const [page, took] = await timed(async () => {
      const result = await store.familyPage({
        snapshotId: "latest",
        ...DEFAULT_FILTERS,
        offset: 0,
        limit: FAMILY_PAGE_SIZE,
        ...query,
      });
      JSON.stringify(result);
      return result;
    });
    matched = page?.matched ?? 0;
    times.push(took);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(46)} p50 ${ms(percentile(times, 50)).padStart(9)}  p95 ${ms(percentile(times, 95)).padStart(9)}  (${matched} matched)`,
  );
}

/** Generates and saves one snapshot; only its id and one family id outlive the call. */
async function saveRound(
  store: SnapshotStore,
  keys: number,
  accounts: number,
  round: number,
): Promise<{ id: string; families: number; familyId: string }> {
  const [snapshot, generated] = await timed(() => Promise.resolve(generate(keys, accounts, round)));
  if (round === 0)
    console.log(
      `backend ${store.kind}; synthetic snapshot: ${snapshot.keys.length} keys, ${snapshot.families.length} families, ${snapshot.findings.length} findings, ${snapshot.events.length} events, ${accounts} accounts (generated in ${ms(generated)})`,
    );
  const loadBefore = loadAverage();
  const [[, took], usage] = await measured(() => timed(() => store.saveSnapshot(snapshot)));
  console.log(
    `save snapshot ${round + 1}${round > 0 ? " (+ stored comparison)" : ""}`.padEnd(45) +
      `${ms(took)}  (load ${loadBefore} -> ${loadAverage()}; ${usage})`,
  );
  return {
    id: snapshot.id,
    families: snapshot.families.length,
    familyId: snapshot.families[1234 % snapshot.families.length]?.id ?? "",
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      keys: { type: "string", default: "200000" },
      accounts: { type: "string", default: "500" },
      runs: { type: "string", default: "40" },
    },
  });
  const keys = Number(values.keys);
  const accounts = Number(values.accounts);
  const runs = Number(values.runs);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-bench-org-store-"));
  const store = process.env.DATABASE_URL ? await openStore() : await openStore({ dataDir });
  try {
    const first = await saveRound(store, keys, accounts, 0);
    const second = await saveRound(store, keys, accounts, 1);
    console.log(`peak RSS after both saves                    ${rssMb()} MB`);
    const [comparison, compareMs] = await timed(() => store.compareSnapshots(first.id, second.id));
    console.log(
      `compareSnapshots(1, 2) on rows                ${ms(compareMs)}  (${JSON.stringify(comparison.counts)})`,
    );
    console.log(`GET /api/families at ${second.families} families (${runs} runs each):`);
    await apiLatency(store, "first page (default sort)", {}, runs);
    await apiLatency(store, "sort=name", { sort: "name" }, runs);
    await apiLatency(store, "severity=high", { severity: ["high"] }, runs);
    await apiLatency(store, "ou=Root/Workloads", { ou: ["Root/Workloads"] }, runs);
    await apiLatency(store, "accountTag=team=team-3", { accountTag: ["team=team-3"] }, runs);
    await apiLatency(
      store,
      "account + severity=high",
      { account: [accountId(7)], severity: ["high"] },
      runs,
    );
    await apiLatency(store, "q=0000abc (text search)", { q: "0000abc" }, runs);
    await apiLatency(store, "offset=40000 (deep page)", { offset: 40_000 }, runs);
    const [, sliceMs] = await timed(() => store.familySlice("latest", second.familyId));
    console.log(`family page slice (one family)               ${ms(sliceMs)}`);
    const [whole, wholeMs] = await timed(() => store.getSnapshot("latest"));
    console.log(
      `getSnapshot(latest), whole (exports)          ${ms(wholeMs)}  (${whole?.keys.length ?? 0} keys)`,
    );
    console.log(`peak RSS (after the whole read)              ${rssMb()} MB`);
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
