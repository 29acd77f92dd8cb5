/**
 * Organization benchmark (prints figures, asserts nothing): `npm run bench:org -- [--accounts 200]
 * [--keys-per-account 500] [--regions default|all|a,b] [--latency-ms 20] [--quotas aws|off]
 * [--no-trail] [--save-and-serve]`.
 *
 * The org world runs in its own process (`npm run sandbox -- --world org …`) with AWS quotas per
 * (account, region) and 20 ms latency; `kms-drift scan --org` runs as a CLI process of its own, so
 * its peak RSS is its own. Printed: the sandbox's start-up time and RSS; accounts × regions ×
 * keys; the scan's wall time against the bound its quotas allow (the slowest account-region:
 * audited keys / 5 per second for GetKeyLastUsage, CloudTrail lookups / 2 per second); calls per
 * audited key; the CLI's peak RSS against the 1.5 GB target, with its largest JavaScript heap (used
 * and reserved) and the load average it ran under.
 *
 * `--save-and-serve` also saves the snapshot (`scan --save` into a fresh PGlite directory: the save
 * time is from the snapshot JSON landing to the CLI's exit, and the CLI's peak RSS before it), then
 * starts the dashboard on that store alone (`scripts/start.ts` with KMS_DRIFT_SOURCE=aws, no scan,
 * no schedule; it builds first when the sources changed) and times `/`, `/families` and
 * `/api/overview`, cold then warm, checking each answers 200 and the overview lists every account.
 * The dashboard listens on BENCH_PORT (default 3078).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { spawnMeasuredCli } from "./support/measured-cli";
import { peakRssMb, serveStore } from "./support/serve-store";
import { spawnOrgSandbox } from "./support/org-sandbox";
import { readLargeSnapshot } from "./support/read-large-snapshot";
import { z } from "zod";
import { isOptInRegion, regionsOfPartition } from "../lib/domain/regions";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "200" },
    "keys-per-account": { type: "string", default: "500" },
    regions: { type: "string", default: "default" },
    "latency-ms": { type: "string", default: "20" },
    quotas: { type: "string", default: "aws" },
    "no-trail": { type: "boolean", default: false },
    "save-and-serve": { type: "boolean", default: false },
  },
});

/** Issue 14's "1.5 GB", read strictly: 1.5 × 10⁹ bytes is 1,430 MiB (the figures are MiB). */
const RSS_TARGET_MIB = 1430;
/** The parts of the CLI's snapshot JSON the figures come from. */
const snapshotSchema = z.looseObject({
  summary: z.looseObject({
    keys: z.number(),
    auditedKeys: z.number(),
    accounts: z.record(z.string(), z.number()).optional(),
  }),
  accountScans: z.array(z.unknown()).optional(),
  regions: z.array(
    z.looseObject({
      account: z.string(),
      region: z.string(),
      status: z.string(),
      error: z.string().optional(),
      apiCalls: z.number(),
      throttledCalls: z.number(),
      trail: z.looseObject({ lookups: z.number().optional() }).optional(),
    }),
  ),
  keys: z.array(
    z.looseObject({
      account: z.string(),
      region: z.string(),
      audited: z.boolean(),
      lastUse: z.unknown().optional(),
    }),
  ),
  families: z.array(z.unknown()),
  findings: z.array(z.unknown()),
});
type BenchSnapshot = z.infer<typeof snapshotSchema>;

/** The parts the figures need, without the keys' properties or the events (560 MB at 200 × 500). */
function readSnapshotFigures(file: string): Promise<Record<string, unknown>> {
  const keyFigures = z.looseObject({
    account: z.string(),
    region: z.string(),
    audited: z.boolean(),
    lastUse: z.unknown().optional(),
  });
  return readLargeSnapshot(
    file,
    {
      regions: (region) => region,
      accountScans: (scan) => scan,
      keys: (key) => {
        const { account, region, audited, lastUse } = keyFigures.parse(key);
        return { account, region, audited, lastUse: lastUse ?? null };
      },
    },
    ["events"],
  );
}
const dir = mkdtempSync(path.join(tmpdir(), "kms-drift-bench-org-"));

function resolveRegions(text: string): string[] {
  if (text === "all") return regionsOfPartition("aws");
  // The Regions every account has without opting in.
  if (text === "default") return regionsOfPartition("aws").filter((r) => !isOptInRegion(r));
  return text.split(",");
}

async function startSandbox() {
  const started = performance.now();
  const sandbox = await spawnOrgSandbox({
    accounts: values.accounts,
    keysPerAccount: values["keys-per-account"],
    latencyMs: values["latency-ms"],
    quotas: values.quotas,
  });
  let closed: Promise<void> | undefined;
  return {
    ...sandbox,
    startMs: performance.now() - started,
    peakRssMb: () => peakRssMb(sandbox.pid),
    // Closed early with --save-and-serve (its memory goes to the dashboard), and again at the end.
    close: () => (closed ??= sandbox.close()),
  };
}

function runCliScan(
  url: string,
  regions: string[],
  out: string,
  usageFile: string,
  dataDir: string | undefined,
) {
  const args = [
    "scan",
    "--endpoint",
    url,
    "--org",
    "--regions",
    regions.join(","),
    "--fail-on",
    "none",
    "--timeout",
    "2h",
    "--quiet",
    "--out",
    out,
    ...(values["no-trail"] ? ["--no-trail"] : []),
    ...(dataDir !== undefined ? ["--save"] : []),
  ];
  const started = performance.now();
  const { child, usage } = spawnMeasuredCli(args, {
    usageFile,
    stdout: "inherit",
    env: dataDir !== undefined ? { KMS_DRIFT_DATA_DIR: dataDir } : {},
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const written = watchSnapshotFile(out, child.pid, started);
  return new Promise<{
    code: number | null;
    wallMs: number;
    stderr: string;
    usage: typeof usage;
    written: SnapshotWritten | undefined;
  }>((resolve) => {
    child.on("exit", (code) => {
      resolve({ code, wallMs: performance.now() - started, stderr, usage, written: written() });
    });
  });
}

interface SnapshotWritten {
  /** Since the CLI started. */
  atMs: number;
  /** The CLI's peak RSS by then: the scan and its JSON, before any save. */
  peakRssMb: number | undefined;
  /** Its RSS at that moment: what the scan holds, without a peak from before it (PGlite creating a store). */
  rssMb: number | undefined;
}

/** A process's resident set now (VmRSS), in MB. */
function currentRssMb(pid: number | undefined): number | undefined {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${String(pid)}/status`, "utf8"))?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

/**
 * The CLI renames its snapshot JSON into place whole, then saves (`--save`): the moment the file
 * appears splits the scan from the save, and the CLI's peak RSS (VmHWM) then is the scan's own.
 */
function watchSnapshotFile(
  out: string,
  pid: number | undefined,
  started: number,
): () => SnapshotWritten | undefined {
  let seen: SnapshotWritten | undefined;
  const timer = setInterval(() => {
    if (seen !== undefined || !existsSync(out)) return;
    seen = {
      atMs: performance.now() - started,
      peakRssMb: peakRssMb(pid),
      rssMb: currentRssMb(pid),
    };
    clearInterval(timer);
  }, 250);
  return () => {
    clearInterval(timer);
    return seen;
  };
}

/** The slowest (account, region) at its quotas: what no scheduling can beat. */
function quotaBound(snapshot: BenchSnapshot): { ms: number; where: string } {
  const audited = new Map<string, number>();
  for (const key of snapshot.keys)
    if (key.audited && key.lastUse !== undefined && key.lastUse !== null)
      audited.set(
        `${key.account}/${key.region}`,
        (audited.get(`${key.account}/${key.region}`) ?? 0) + 1,
      );
  let best = { ms: 0, where: "" };
  for (const region of snapshot.regions) {
    const at = `${region.account}/${region.region}`;
    const lastUseMs = ((audited.get(at) ?? 0) / 5) * 1000;
    const lookups = region.trail?.lookups ?? 0;
    const trailMs = (lookups / 2) * 1000;
    const ms = Math.max(lastUseMs, trailMs);
    if (ms > best.ms)
      best = {
        ms,
        where: `${at}: ${audited.get(at) ?? 0} keys at GetKeyLastUsage 5/s, ${lookups} LookupEvents at 2/s`,
      };
  }
  return best;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const overviewSchema = z.looseObject({ accounts: z.looseObject({ total: z.number() }).nullable() });

/** One GET: its status, time to the last byte and size. */
async function timeGet(url: string): Promise<{ status: number; ms: number; body: string }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  return { status: response.status, ms: performance.now() - started, body };
}

/** The dashboard on the saved store: each page and the overview API, cold then warm. */
async function timeDashboard(dataDir: string, accounts: number): Promise<void> {
  const started = performance.now();
  const dashboard = await serveStore(
    path.resolve(__dirname, ".."),
    dataDir,
    Number(process.env.BENCH_PORT ?? 3078),
  );
  console.log(`dashboard on the saved store: up in ${seconds(performance.now() - started)}`);
  try {
    for (const page of ["/api/overview", "/", "/families"]) {
      const cold = await timeGet(`${dashboard.url}${page}`);
      const warm = await timeGet(`${dashboard.url}${page}`);
      let check = "";
      if (page === "/api/overview" && cold.status === 200) {
        const total = overviewSchema.parse(JSON.parse(cold.body)).accounts?.total ?? 0;
        check = `, ${total} of the snapshot's ${accounts} accounts listed`;
      }
      console.log(
        `  GET ${page}: ${cold.status} in ${cold.ms.toFixed(0)} ms cold, ${warm.status} in ${warm.ms.toFixed(0)} ms warm, ${Math.round(cold.body.length / 1024)} KiB${check}`,
      );
    }
    console.log(`  dashboard peak RSS ${String(dashboard.peakRssMb() ?? "n/a")} MB`);
  } finally {
    dashboard.close();
  }
}

async function main(): Promise<void> {
  const regions = resolveRegions(values.regions);
  const sandbox = await startSandbox();
  console.log(
    `org world: ${values.accounts} member accounts × ${values["keys-per-account"]} keys per account; started in ${seconds(sandbox.startMs)}, sandbox peak RSS ${String(sandbox.peakRssMb() ?? "n/a")} MB`,
  );
  const out = path.join(dir, "snapshot.json");
  const usageFile = path.join(dir, "usage.json");
  try {
    const dataDir = values["save-and-serve"] ? path.join(dir, "data") : undefined;
    const scan = await runCliScan(sandbox.url, regions, out, usageFile, dataDir);
    const usage = scan.usage();
    if (!existsSync(out)) {
      console.log(
        `scan --org: exit ${String(scan.code)} after ${seconds(scan.wallMs)}, no snapshot written; CLI peak RSS ${Math.round(usage.maxRssKb / 1024)} MB, CPU ${seconds(usage.cpuMs)}; stderr: ${scan.stderr.trim().slice(-2000)}`,
      );
      return;
    }
    const snapshot = snapshotSchema.parse(await readSnapshotFigures(out));
    const accounts = snapshot.summary.accounts;
    const calls = snapshot.regions.reduce((n, r) => n + r.apiCalls, 0);
    const throttled = snapshot.regions.reduce((n, r) => n + r.throttledCalls, 0);
    const bound = quotaBound(snapshot);
    const rssMb = Math.round(usage.maxRssKb / 1024);
    console.log(
      `scan --org: exit ${String(scan.code)}; accounts ${JSON.stringify(accounts)}; ${snapshot.regions.length} account-regions (${regions.length} regions); ${snapshot.summary.keys} keys, ${snapshot.summary.auditedKeys} audited, ${snapshot.families.length} families, ${snapshot.findings.length} findings`,
    );
    console.log(
      `  wall ${seconds(scan.wallMs)}, bound ${seconds(bound.ms)} (slowest account-region ${bound.where}): wall / bound ${(scan.wallMs / Math.max(1, bound.ms)).toFixed(2)}`,
    );
    console.log(
      `  ${calls} KMS + CloudTrail calls (${throttled} throttled), ${(calls / Math.max(1, snapshot.summary.auditedKeys)).toFixed(2)} calls per audited key (listing and CloudTrail included)`,
    );
    console.log(
      `  CLI peak RSS ${rssMb} MiB (target ≤ 1.5 GB = ${RSS_TARGET_MIB} MiB: ${rssMb <= RSS_TARGET_MIB ? "met" : "NOT met"}); its JavaScript heap at most ${usage.maxHeapUsedMb} MB used of ${usage.maxHeapTotalMb} MB reserved; CLI CPU ${seconds(usage.cpuMs)}; sandbox peak RSS ${String(sandbox.peakRssMb() ?? "n/a")} MB; load average ${loadavg()[0]?.toFixed(1) ?? "?"} on ${cpus().length} cores`,
    );
    if (dataDir !== undefined && scan.written !== undefined)
      console.log(
        `  snapshot JSON written after ${seconds(scan.written.atMs)} (CLI peak RSS by then ${String(scan.written.peakRssMb ?? "n/a")} MB, RSS then ${String(scan.written.rssMb ?? "n/a")} MB); save ${seconds(scan.wallMs - scan.written.atMs)}`,
      );
    const errors = new Map<string, number>();
    for (const region of snapshot.regions)
      if (region.status === "error" && !region.error?.includes("cannot assume"))
        errors.set(region.error ?? "", (errors.get(region.error ?? "") ?? 0) + 1);
    for (const [error, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 3))
      console.log(`  ${n} account-regions failed: ${error.slice(0, 200)}`);
    if (scan.code !== 0 && scan.code !== 3) console.log(`  CLI stderr: ${scan.stderr.trim()}`);
    if (dataDir !== undefined && (scan.code === 0 || scan.code === 3)) {
      await sandbox.close();
      await timeDashboard(dataDir, snapshot.accountScans?.length ?? 0);
    }
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
