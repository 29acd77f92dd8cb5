/**
 * Scanner benchmark (prints figures, asserts nothing): `npx tsx bench/scan.ts [--keys 2000]
 * [--small-keys 100] [--concurrency 16] [--no-cli] [--in-process]`.
 *
 * 1. The large sandbox world under AWS quotas and 20 ms latency: calls, calls per audited key,
 *    throttles, wall time, and the lower bound those calls allow. Per region the bound is
 *    max(quota-bound = max over operations of calls_op / quota_op, latency-bound = calls × latency /
 *    peak requests in flight); the scan's bound is the max over regions.
 * 2. A small world read by kms-drift and by a by-hand shell loop of Debian's AWS CLI.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { z } from "zod";
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { AWS_READ_QUOTAS } from "../lib/aws/quotas";
import { spawnSandbox } from "./support/spawn-sandbox";
import { startSandboxServer } from "../lib/sandbox/server";
import { runScan } from "../lib/scan/run-scan";
import type { RegionCallReport } from "../lib/scan/types";

const worldManifestSchema = z.looseObject({ enabledRegions: z.array(z.string()).min(1) });

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const LATENCY_MS = 20;

const { values } = parseArgs({
  options: {
    keys: { type: "string", default: "2000" },
    "small-keys": { type: "string", default: "100" },
    concurrency: { type: "string", default: "16" },
    "no-cli": { type: "boolean", default: false },
    "in-process": { type: "boolean", default: false },
  },
});
const concurrency = Number(values.concurrency);

function regionBound(report: RegionCallReport): { quotaMs: number; latencyMs: number } {
  const { byOperation, calls, peakInFlight } = report.stats;
  const quotaMs = Math.max(
    0,
    ...Object.entries(byOperation).map(([op, n]) => (n / (AWS_READ_QUOTAS[op] ?? 100)) * 1000),
  );
  const latencyMs = peakInFlight > 0 ? (calls * LATENCY_MS) / peakInFlight : 0;
  return { quotaMs, latencyMs };
}

interface BenchSandbox {
  url: string;
  manifest: { enabledRegions: readonly string[] };
  close(): Promise<void>;
}

/**
 * The sandbox runs in its own process (as `npm run sandbox` would), so the scanner's process time
 * is its own and the two share the machine's cores as a real client and server would not.
 * `--in-process` keeps it in this process instead.
 */
async function startSandbox(keys: number): Promise<BenchSandbox> {
  const args = [
    "--world",
    "large",
    "--seed",
    "1",
    "--keys",
    String(keys),
    "--latency-ms",
    String(LATENCY_MS),
    "--quotas",
    "aws",
  ];
  if (values["in-process"]) {
    return startSandboxServer({
      port: 0,
      world: "large",
      seed: 1,
      keys,
      faults: { latencyMs: LATENCY_MS, quotas: "aws" },
    });
  }
  const sandbox = await spawnSandbox(args);
  const manifest = worldManifestSchema.parse(
    await (await fetch(`${sandbox.url}/_sandbox/world`)).json(),
  );
  return { url: sandbox.url, manifest, close: sandbox.close };
}

async function scanWorld(keys: number, trail: boolean) {
  const server = await startSandbox(keys);
  const regions = [...server.manifest.enabledRegions];
  const cpuBefore = process.cpuUsage();
  const phases: string[] = [];
  let phase = "start";
  let phaseStarted = performance.now();
  let reports: RegionCallReport[] = [];
  const started = performance.now();
  const snapshot = await runScan(
    {
      endpoint: server.url,
      credentials: AUDITOR,
      regions,
      concurrencyPerRegion: concurrency,
      trail,
      onCallStats: (r) => (reports = r),
    },
    (event) => {
      if (event.phase !== phase) {
        const at = performance.now();
        phases.push(`${phase} ${fmt(at - phaseStarted)}`);
        phase = event.phase;
        phaseStarted = at;
      }
    },
  );
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    server,
    regions,
    snapshot,
    reports,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    phases: phases.slice(1).join(", "),
  };
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function benchLarge(trail: boolean): Promise<void> {
  const { server, regions, snapshot, reports, wallMs, cpuMs, phases } = await scanWorld(
    Number(values.keys),
    trail,
  );
  await server.close();
  const calls = reports.reduce((n, r) => n + r.stats.calls, 0);
  const throttles = reports.reduce((n, r) => n + r.stats.throttles, 0);
  const listing = reports.reduce(
    (n, r) => n + (r.stats.byOperation.ListKeys ?? 0) + (r.stats.byOperation.ListAliases ?? 0),
    0,
  );
  const audited = snapshot.summary.auditedKeys;
  let boundMs = 0;
  let boundRegion = "";
  for (const report of reports) {
    const { quotaMs, latencyMs } = regionBound(report);
    const bound = Math.max(quotaMs, latencyMs);
    if (bound > boundMs) {
      boundMs = bound;
      boundRegion = `${report.region} (quota ${fmt(quotaMs)}, latency ${fmt(latencyMs)}, peak in flight ${report.stats.peakInFlight})`;
    }
  }
  const statuses = snapshot.regions.map((r) => r.status).join(",");
  console.log(
    `large world, ${trail ? "with CloudTrail attribution" : "inventory and drift (--no-trail)"}: ${snapshot.summary.keys} keys (${audited} audited) in ${regions.length} regions [${statuses}], ${snapshot.families.length} families`,
  );
  console.log(
    `  calls ${calls} (${listing} listing), calls per audited key ${((calls - listing) / Math.max(1, audited)).toFixed(2)} + listing, throttles ${throttles}`,
  );
  console.log(`  phases: ${phases}`);
  console.log(`  wall ${fmt(wallMs)}, lower bound ${fmt(boundMs)} — binding region ${boundRegion}`);
  console.log(
    `  wall / bound = ${(wallMs / Math.max(1, boundMs)).toFixed(2)} (concurrency ${concurrency} keys per region)`,
  );
  console.log(
    `  scanner process CPU ${fmt(cpuMs)} = ${(cpuMs / calls).toFixed(2)} ms per call, ${((cpuMs / wallMs) * 100).toFixed(0)}% of wall ` +
      `(load average ${loadavg()[0]?.toFixed(1) ?? "?"} on ${cpus().length} cores): near or above 100% the scan is CPU-bound (SDK work per call), not quota- or latency-bound`,
  );
}

/** The inventory done by hand: one AWS CLI process per call, per key, per region. */
function runCliLoop(url: string, regions: string[]): { wallMs: number; calls: number } {
  const script = `
set -u
calls=0
for region in ${regions.join(" ")}; do
  ids=$(aws kms list-keys --region "$region" --endpoint-url "$URL" --query 'Keys[].KeyId' --output text); calls=$((calls+1))
  aws kms list-aliases --region "$region" --endpoint-url "$URL" >/dev/null; calls=$((calls+1))
  for id in $ids; do
    aws kms describe-key --region "$region" --endpoint-url "$URL" --key-id "$id" >/dev/null
    aws kms get-key-policy --region "$region" --endpoint-url "$URL" --key-id "$id" --policy-name default >/dev/null 2>&1
    aws kms list-grants --region "$region" --endpoint-url "$URL" --key-id "$id" >/dev/null 2>&1
    aws kms list-resource-tags --region "$region" --endpoint-url "$URL" --key-id "$id" >/dev/null 2>&1
    aws kms get-key-rotation-status --region "$region" --endpoint-url "$URL" --key-id "$id" >/dev/null 2>&1
    calls=$((calls+5))
  done
done
echo "$calls"`;
  const started = performance.now();
  const out = execFileSync("bash", ["-c", script], {
    encoding: "utf8",
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: "/tmp",
      URL: url,
      AWS_ACCESS_KEY_ID: AUDITOR.accessKeyId,
      AWS_SECRET_ACCESS_KEY: AUDITOR.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { wallMs: performance.now() - started, calls: Number(out.trim().split("\n").pop()) };
}

async function benchByHand(): Promise<void> {
  // The by-hand loop reads no CloudTrail, so neither does the scan it is compared with.
  const { server, regions, snapshot, wallMs } = await scanWorld(
    Number(values["small-keys"]),
    false,
  );
  console.log(
    `small world: ${snapshot.summary.keys} keys in ${regions.length} regions; kms-drift ${fmt(wallMs)}`,
  );
  if (values["no-cli"]) {
    console.log("  AWS CLI loop skipped (--no-cli)");
  } else if (!existsSync("/usr/bin/aws")) {
    console.log("  /usr/bin/aws is missing: the by-hand AWS CLI loop is skipped");
  } else {
    const loop = runCliLoop(server.url, regions);
    console.log(
      `  by hand (AWS CLI shell loop, ${loop.calls} calls): ${fmt(loop.wallMs)}; by hand / kms-drift = ${(loop.wallMs / wallMs).toFixed(1)}×`,
    );
  }
  await server.close();
}

async function runBench(): Promise<void> {
  await benchLarge(false);
  await benchLarge(true);
  await benchByHand();
}

void runBench();
