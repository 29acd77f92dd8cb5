/**
 * Organization benchmark (prints figures, asserts nothing): `npm run bench:org -- [--accounts 200]
 * [--keys-per-account 500] [--regions default|all|a,b] [--latency-ms 20] [--quotas aws|off]
 * [--no-trail]`.
 *
 * The org world runs in its own process (`npm run sandbox -- --world org …`) with AWS quotas per
 * (account, region) and 20 ms latency; `kms-drift scan --org` runs as a CLI process of its own, so
 * its peak RSS is its own. Printed: the sandbox's start-up time and RSS; accounts × regions ×
 * keys; the scan's wall time against the bound its quotas allow (the slowest account-region:
 * audited keys / 5 per second for GetKeyLastUsage, CloudTrail lookups / 2 per second); calls per
 * audited key; the CLI's peak RSS against the 1.5 GB target.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { spawnOrgSandbox } from "./support/org-sandbox";
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
  },
});

const RSS_TARGET_MB = 1536;
const usageSchema = z.object({ maxRssKb: z.number(), cpuMs: z.number() });
/** The parts of the CLI's snapshot JSON the figures come from. */
const snapshotSchema = z.looseObject({
  summary: z.looseObject({
    keys: z.number(),
    auditedKeys: z.number(),
    accounts: z.record(z.string(), z.number()).optional(),
  }),
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
const dir = mkdtempSync(path.join(tmpdir(), "kms-drift-bench-org-"));

function resolveRegions(text: string): string[] {
  if (text === "all") return regionsOfPartition("aws");
  // The Regions every account has without opting in.
  if (text === "default") return regionsOfPartition("aws").filter((r) => !isOptInRegion(r));
  return text.split(",");
}

function peakRssMb(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${String(pid)}/status`, "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? undefined : Math.round(Number(kb) / 1024);
  } catch {
    return undefined;
  }
}

async function startSandbox() {
  const started = performance.now();
  const sandbox = await spawnOrgSandbox({
    accounts: values.accounts,
    keysPerAccount: values["keys-per-account"],
    latencyMs: values["latency-ms"],
    quotas: values.quotas,
  });
  return {
    ...sandbox,
    startMs: performance.now() - started,
    peakRssMb: () => peakRssMb(sandbox.pid),
  };
}

function runCliScan(url: string, regions: string[], out: string, usageFile: string) {
  const args = [
    "--import",
    "tsx",
    "--import",
    "./bench/support/report-usage.ts",
    "lib/cli/main.ts",
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
  ];
  const started = performance.now();
  const child = spawn("node", args, {
    stdio: ["ignore", "inherit", "pipe"],
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1",
      AWS_SECRET_ACCESS_KEY: "x",
      AWS_EC2_METADATA_DISABLED: "true",
      KMS_DRIFT_BENCH_USAGE: usageFile,
    },
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; wallMs: number; stderr: string }>((resolve) => {
    child.on("exit", (code) => resolve({ code, wallMs: performance.now() - started, stderr }));
  });
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

async function main(): Promise<void> {
  const regions = resolveRegions(values.regions);
  const sandbox = await startSandbox();
  console.log(
    `org world: ${values.accounts} member accounts × ${values["keys-per-account"]} keys per account; started in ${seconds(sandbox.startMs)}, sandbox peak RSS ${String(sandbox.peakRssMb() ?? "n/a")} MB`,
  );
  const out = path.join(dir, "snapshot.json");
  const usageFile = path.join(dir, "usage.json");
  try {
    const scan = await runCliScan(sandbox.url, regions, out, usageFile);
    const usage = usageSchema.parse(JSON.parse(readFileSync(usageFile, "utf8")));
    if (!existsSync(out)) {
      console.log(
        `scan --org: exit ${String(scan.code)} after ${seconds(scan.wallMs)}, no snapshot written; CLI peak RSS ${Math.round(usage.maxRssKb / 1024)} MB, CPU ${seconds(usage.cpuMs)}; stderr: ${scan.stderr.trim().slice(-2000)}`,
      );
      return;
    }
    const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(out, "utf8")));
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
      `  CLI peak RSS ${rssMb} MB (target ≤ ${RSS_TARGET_MB} MB: ${rssMb <= RSS_TARGET_MB ? "met" : "NOT met"}), CLI CPU ${seconds(usage.cpuMs)}; sandbox peak RSS ${String(sandbox.peakRssMb() ?? "n/a")} MB`,
    );
    const errors = new Map<string, number>();
    for (const region of snapshot.regions)
      if (region.status === "error" && !region.error?.includes("cannot assume"))
        errors.set(region.error ?? "", (errors.get(region.error ?? "") ?? 0) + 1);
    for (const [error, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 3))
      console.log(`  ${n} account-regions failed: ${error.slice(0, 200)}`);
    if (scan.code !== 0 && scan.code !== 3) console.log(`  CLI stderr: ${scan.stderr.trim()}`);
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
