/**
 * Store benchmark: prints how long saving and querying snapshots takes on PGlite (default) or
 * on PostgreSQL when DATABASE_URL is set. Figures only; nothing is asserted.
 * Usage: npx tsx bench/store-bench.ts [--snapshots 10] [--keys 2000] [--findings 500]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { findingsToCsv } from "../lib/report/csv";
import { createBundle } from "../lib/report/bundle";
import { renderHtmlReport } from "../lib/report/html-report";
import { openStore } from "../lib/store/store";
import { FIXTURE_ACCOUNT, makeFinding, makeSnapshot } from "../lib/store/test-fixtures";

const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
const PROPERTIES = ["policy", "grants", "aliases", "state", "tags", "residency"] as const;
const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2"];

async function time<T>(label: string, fn: () => Promise<T> | T): Promise<T> {
  const start = performance.now();
  const result = await fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - start).toFixed(1).padStart(9)} ms`);
  return result;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      snapshots: { type: "string", default: "10" },
      keys: { type: "string", default: "2000" },
      findings: { type: "string", default: "500" },
    },
  });
  const count = Number(values.snapshots);
  const keys = Number(values.keys);
  const findingCount = Number(values.findings);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-bench-"));
  const store = await time("open store (+ migrate)", () =>
    process.env.DATABASE_URL ? openStore() : openStore({ dataDir }),
  );
  console.log(
    `backend ${store.kind}; ${count} snapshots × ${keys} keys × ${findingCount} findings`,
  );
  const families = Array.from({ length: 50 }, (_, i) => `${FIXTURE_ACCOUNT}:mrk-bench${i}`);
  try {
    for (let s = 0; s < count; s += 1) {
      const findings = Array.from({ length: findingCount }, (_, i) =>
        makeFinding({
          familyId: families[i % families.length],
          property: PROPERTIES[i % PROPERTIES.length],
          severity: SEVERITIES[(i + s) % SEVERITIES.length],
          region: REGIONS[i % REGIONS.length],
          what: `w${(i + s * 7) % (findingCount + 20)}`,
        }),
      );
      const snapshot = makeSnapshot({
        id: `bench-${s}`,
        startedAt: new Date(Date.UTC(2026, 10, 1, s)).toISOString(),
        findings,
        extraKeys: keys,
      });
      const bytes = JSON.stringify(snapshot).length;
      await time(`save snapshot ${s} (${(bytes / 1e6).toFixed(1)} MB JSON)`, () =>
        store.saveSnapshot(snapshot),
      );
    }
    await time("listSnapshots(50)", () => store.listSnapshots({ limit: 50 }));
    const latest = await time("getSnapshot(latest)", () => store.getSnapshot("latest"));
    await time("findings(latest, severity=high)", () =>
      store.findings({ snapshotId: "latest", severity: "high" }),
    );
    await time("familyHistory(one family)", () => store.familyHistory(families[0] ?? ""));
    await time("severityTrend(30)", () => store.severityTrend(30));
    await time("compareSnapshots(first, last)", () =>
      store.compareSnapshots("bench-0", `bench-${count - 1}`),
    );
    if (latest) {
      const changes = await store.getChanges(latest.id);
      await time(
        "evidence bundle (build + digest)",
        () => JSON.stringify(createBundle({ snapshot: latest, comparison: changes })).length,
      );
      await time("CSV", () => findingsToCsv(latest).length);
      await time(
        "HTML report",
        () => renderHtmlReport({ snapshot: latest, comparison: changes }).length,
      );
    }
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
