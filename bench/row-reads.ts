/**
 * Row-read benchmark (prints figures, asserts nothing): a synthetic snapshot of 200,000 keys and
 * 20,000 findings saved to a fresh PGlite store, then the /keys page queries and residency's
 * aggregates timed in process, then each export format written to nowhere, each in a process of
 * its own: streamed from rows (what the dashboard and the CLI do) and, for comparison, built from
 * the whole snapshot (the path every format took before it read rows). Peak heap (sampled) and
 * peak RSS per export process, with the load average after each. `--runs 0` skips the queries.
 * Usage: npm run bench:row-reads -- [--keys 200000] [--families 50000] [--findings 20000]
 *   [--formats csv,asff,ocsf,bundle,html,verify] [--runs 10]
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Snapshot } from "../lib/domain/snapshot";
import {
  buildExportFile,
  EXPORT_FORMATS,
  exportSnapshot,
  loadExportInput,
  bodyChunks,
  type ExportFile,
  type ExportFormat,
} from "../lib/report/export-file";
import { readJsonFile } from "../lib/report/bundle-file-reader";
import { assessBundle, assessBundleFile } from "../lib/report/verify-bundle";
import { openStore } from "../lib/store/store";
import type { KeyPageQuery, SnapshotStore } from "../lib/store/store-types";
import { residencyFromFacts } from "../lib/views/residency";
import { FIXTURE_ACCOUNT, makeSnapshot } from "../lib/store/test-fixtures";

const SNAPSHOT_ID = "bench-row-reads";

/**
 * `keys` keys in three regions, `families` declared families of three of them (one per region;
 * every tenth key with a recorded use) and `findings` findings spread over the keys (fixture shapes).
 */
function generate(keys: number, families: number, findings: number): Snapshot {
  const base = makeSnapshot({ id: SNAPSHOT_ID, extraKeys: Math.max(0, keys - 3) });
  const template = base.findings;
  const extra = base.keys.slice(3).map((key, i) =>
    i % 10 === 0
      ? {
          ...key,
          lastUse: {
            trackingStartDate: "2026-01-01T00:00:00.000Z",
            lastUsed: {
              operation: "Decrypt",
              at: new Date(Date.UTC(2026, 9, 1) + i * 1000).toISOString(),
            },
          },
        }
      : key,
  );
  const declared = Array.from(
    { length: Math.min(families, Math.floor(extra.length / 3)) },
    (_, j) => ({
      id: `${FIXTURE_ACCOUNT}:declared/app-${j}`,
      kind: "declared" as const,
      account: FIXTURE_ACCOUNT,
      name: `app-${j}`,
      referenceRegion: extra[3 * j]?.region ?? null,
      members: extra.slice(3 * j, 3 * j + 3).map((k) => ({
        region: k.region,
        keyId: k.keyId,
        arn: k.arn,
        role: "member" as const,
      })),
      flags: [],
    }),
  );
  return {
    ...base,
    keys: [...base.keys.slice(0, 3), ...extra],
    families: [...base.families, ...declared],
    findings: Array.from({ length: findings }, (_, i) => {
      const f = template[i % template.length] ?? fail("the fixture has findings");
      const key = extra[(i * 7) % Math.max(1, extra.length)] ?? base.keys[0];
      return {
        ...f,
        id: `${f.id}-${i}`,
        keyId: key?.keyId ?? f.keyId,
        region: key?.region ?? f.region,
      };
    }),
  };
}

function fail(message: string): never {
  throw new Error(message);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Child: one export to nowhere; prints `{bytes, ms, peakHeapMb, peakRssMb}`. */
async function child(dataDir: string, format: ExportFormat, mode: "rows" | "whole") {
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const store = await openStore({ dataDir, holder: "bench:row-reads" });
  let file: ExportFile | null;
  if (mode === "rows") file = await exportSnapshot(store, { snapshotId: SNAPSHOT_ID, format });
  else {
    const input = await loadExportInput(store, SNAPSHOT_ID);
    sample();
    file = input && buildExportFile(format, input);
  }
  if (!file) fail("the snapshot is stored");
  let bytes = 0;
  if (typeof file.body === "string") bytes = Buffer.byteLength(file.body);
  else {
    const reader = file.body.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes += next.value.byteLength;
      sample();
    }
  }
  sample();
  clearInterval(timer);
  await store.close();
  const ms = Math.round(performance.now() - started);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ bytes, ms, peakHeapMb: mb(peakHeap), peakRssMb }));
}

/** The streamed bundle of the bench's snapshot, written to `file`. */
async function exportBundleFile(dataDir: string, file: string): Promise<void> {
  const store = await openStore({ dataDir, holder: "bench:row-reads" });
  const exported = await exportSnapshot(store, { snapshotId: SNAPSHOT_ID, format: "bundle" });
  if (!exported) fail("the snapshot is stored");
  const out = createWriteStream(file);
  for await (const chunk of bodyChunks(exported.body))
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  out.end();
  await finished(out);
  await store.close();
}

/**
 * Child: the streamed bundle written to a file (not timed), then verified as `kms-drift verify`
 * reads it (`pieces`) or as it read it before (`whole`: one string, JSON.parse); prints
 * `{bytes, ms, peakHeapMb, peakRssMb, status}`.
 */
async function verifyChild(dataDir: string, mode: "pieces" | "whole") {
  const file = path.join(dataDir, "bench.evidence.json");
  if (!existsSync(file)) await exportBundleFile(dataDir, file);
  global.gc?.();
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const bytes = await readFile(file);
  const verdict =
    mode === "pieces"
      ? await assessBundleFile(readJsonFile(bytes))
      : assessBundle(JSON.parse(bytes.toString("utf8")));
  sample();
  clearInterval(timer);
  const ms = Math.round(performance.now() - started);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(
    JSON.stringify({
      bytes: bytes.length,
      ms,
      peakHeapMb: mb(peakHeap),
      peakRssMb,
      status: verdict.status,
    }),
  );
}

/** p50 and max of `runs` calls, in ms. */
async function timed(runs: number, fn: () => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p50 = times[Math.floor(times.length / 2)] ?? 0;
  return `p50 ${p50.toFixed(0).padStart(5)} ms  max ${(times.at(-1) ?? 0).toFixed(0).padStart(5)} ms`;
}

async function timeQueries(store: SnapshotStore, runs: number): Promise<void> {
  const page = (filter: Partial<KeyPageQuery>) => () =>
    store.keyPage({
      snapshotId: SNAPSHOT_ID,
      account: [],
      region: [],
      q: "",
      offset: 0,
      limit: 100,
      ...filter,
    });
  const queries: [string, () => Promise<unknown>][] = [
    ["/keys first page", page({})],
    ["/keys page 1000 (offset 99,900)", page({ offset: 99_900 })],
    ["/keys one region", page({ region: ["eu-west-1"] })],
    ["/keys one region, page 500", page({ region: ["eu-west-1"], offset: 49_900 })],
    ["/keys text (a key id)", page({ q: "00012345-" })],
    ["residency facts", () => store.residencyFacts(SNAPSHOT_ID)],
    [
      "residency facts → view",
      async () => {
        const facts = await store.residencyFacts(SNAPSHOT_ID);
        return facts && residencyFromFacts(facts);
      },
    ],
  ];
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  for (const [name, fn] of queries) console.log(`${name.padEnd(34)} ${await timed(runs, fn)}`);
}

/** Runs one child in a process of its own and prints its figures with the load average. */
function reportChild(dataDir: string, task: string, mode: string): void {
  const run = spawnSync(
    "node",
    [
      "--expose-gc",
      "--import",
      "tsx",
      "bench/row-reads.ts",
      "--child",
      task,
      "--mode",
      mode,
      "--data-dir",
      dataDir,
    ],
    { encoding: "utf8", maxBuffer: 1024 * 1024 },
  );
  const line = run.stdout.trim().split("\n").at(-1) ?? "";
  if (run.status !== 0 || !line.startsWith("{")) {
    console.log(
      `${task.padEnd(7)} ${mode.padEnd(12)} failed: ${run.stderr.trim().split("\n").at(-1) ?? ""}`,
    );
    return;
  }
  const r = JSON.parse(line) as {
    bytes: number;
    ms: number;
    peakHeapMb: number;
    peakRssMb: number;
    status?: string;
  };
  console.log(
    `${task.padEnd(7)} ${mode.padEnd(12)} ${String(r.bytes).padStart(11)} ${String(r.ms).padStart(8)}  ${String(r.peakHeapMb).padStart(6)} MB  ${String(r.peakRssMb).padStart(5)} MB  ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}${r.status ? `  ${r.status}` : ""}`,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      keys: { type: "string", default: "200000" },
      findings: { type: "string", default: "20000" },
      families: { type: "string", default: "50000" },
      formats: { type: "string", default: "csv,asff,ocsf" },
      runs: { type: "string", default: "10" },
      child: { type: "string" },
      mode: { type: "string" },
      "data-dir": { type: "string" },
    },
  });
  if (values.child === "verify" && values["data-dir"]) {
    await verifyChild(values["data-dir"], values.mode === "whole" ? "whole" : "pieces");
    return;
  }
  const format = EXPORT_FORMATS.find((f) => f === values.child);
  if (format && values["data-dir"]) {
    await child(values["data-dir"], format, values.mode === "whole" ? "whole" : "rows");
    return;
  }
  const keys = Number(values.keys);
  const findings = Number(values.findings);
  const formats = values.formats
    .split(",")
    .filter((f): f is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(f));
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-bench-exports-"));
  try {
    const store = await openStore({ dataDir, holder: "bench:row-reads" });
    const started = performance.now();
    await store.saveSnapshot(generate(keys, Number(values.families), findings));
    console.log(
      `saved ${keys} keys, ${values.families} families, ${findings} findings in ${Math.round(performance.now() - started)} ms`,
    );
    if (Number(values.runs) > 0) await timeQueries(store, Number(values.runs));
    await store.close();
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
    console.log("format  read from     bytes        ms   peak heap  peak RSS  load average");
    for (const f of formats)
      for (const mode of ["rows", "whole"] as const) reportChild(dataDir, f, mode);
    if (values.formats.split(",").includes("verify"))
      for (const mode of ["pieces", "whole"] as const) reportChild(dataDir, "verify", mode);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
