/**
 * Worker benchmark (prints figures, asserts nothing): `npm run bench:workers -- [--accounts 40]
 * [--keys-per-account 40] [--regions us-east-1,eu-west-1,ap-southeast-2,ca-central-1]
 * [--latency-ms 20] [--workers 1,2,4] [--concurrency 128] [--trail]`.
 *
 * The org world runs in its own process with AWS quotas per (account, region) and latency. A
 * throwaway PostgreSQL (Debian's server, as the tests start it; or $DATABASE_URL) holds the queue.
 * For each worker count, that many `kms-drift worker` processes and one `scan --distributed`
 * coordinator run as processes of their own, each reporting its CPU time at exit. Printed per run:
 * wall, calls/s, CPU per worker and of the coordinator, wall against the quota bound (the slowest
 * account-region: its audited keys at GetKeyLastUsage's 5/s), and the speed-up over one worker;
 * a single-process scan of the same world first, for reference. Without `--trail` the CloudTrail
 * lookups (2/s per region, the same for any number of workers) are left out.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { startThrowawayPostgres } from "../scripts/vitest-postgres";
import { spawnMeasuredCli, type MeasuredCli } from "./support/measured-cli";
import { spawnOrgSandbox } from "./support/org-sandbox";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "40" },
    "keys-per-account": { type: "string", default: "40" },
    regions: { type: "string", default: "us-east-1,eu-west-1,ap-southeast-2,ca-central-1" },
    "latency-ms": { type: "string", default: "20" },
    workers: { type: "string", default: "1,2,4" },
    concurrency: { type: "string", default: "128" },
    trail: { type: "boolean", default: false },
  },
});

const snapshotSchema = z.looseObject({
  summary: z.looseObject({ keys: z.number(), auditedKeys: z.number() }),
  regions: z.array(
    z.looseObject({
      account: z.string(),
      region: z.string(),
      status: z.string(),
      apiCalls: z.number(),
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
  findings: z.array(z.looseObject({ id: z.string() })),
});
type BenchSnapshot = z.infer<typeof snapshotSchema>;

const dir = mkdtempSync(path.join(tmpdir(), "kms-drift-bench-workers-"));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
let runs = 0;

/** `kms-drift …` as a process of its own, its CPU time reported to a file at exit. */
function spawnCli(args: string[], env: Record<string, string>): MeasuredCli {
  runs += 1;
  return spawnMeasuredCli(args, {
    usageFile: path.join(dir, `usage-${runs}.json`),
    stdout: "ignore",
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...env },
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code)));
}

async function startWorker(databaseUrl: string, endpoint: string) {
  const worker = spawnCli(["worker", "--endpoint", endpoint, "--concurrency", values.concurrency], {
    DATABASE_URL: databaseUrl,
  });
  await new Promise<void>((resolve, reject) => {
    let text = "";
    worker.child.stderr?.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("taking shards")) resolve();
    });
    worker.child.on("exit", () => reject(new Error(`worker exited: ${text}`)));
  });
  return worker;
}

async function scan(endpoint: string, extra: string[], env: Record<string, string>) {
  const out = path.join(dir, `snapshot-${runs + 1}.json`);
  const started = performance.now();
  const cli = spawnCli(
    [
      "scan",
      "--endpoint",
      endpoint,
      "--org",
      "--regions",
      values.regions,
      "--fail-on",
      "none",
      "--timeout",
      "1h",
      "--quiet",
      "--out",
      out,
      ...(values.trail ? [] : ["--no-trail"]),
      ...extra,
    ],
    env,
  );
  const code = await exited(cli.child);
  const wallMs = performance.now() - started;
  const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(out, "utf8")));
  return { code, wallMs, snapshot, usage: cli.usage() };
}

/** The slowest (account, region) at its quotas: what no number of workers can beat. */
function quotaBoundMs(snapshot: BenchSnapshot): number {
  const lastUse = new Map<string, number>();
  for (const key of snapshot.keys)
    if (key.audited && key.lastUse !== undefined && key.lastUse !== null)
      lastUse.set(
        `${key.account}/${key.region}`,
        (lastUse.get(`${key.account}/${key.region}`) ?? 0) + 1,
      );
  const keysMs = Math.max(0, ...[...lastUse.values()].map((n) => (n / 5) * 1000));
  // Attribution: 19 LookupEvents per region at 2/s.
  return values.trail ? Math.max(keysMs, (19 / 2) * 1000) : keysMs;
}

/** CPU time a process has used so far (utime + stime, /proc/PID/stat, in clock ticks of 10 ms). */
function cpuMsOf(pid: number | undefined): number {
  try {
    const fields =
      readFileSync(`/proc/${String(pid)}/stat`, "utf8")
        .split(") ")[1]
        ?.split(" ") ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const callsOf = (snapshot: BenchSnapshot) => snapshot.regions.reduce((n, r) => n + r.apiCalls, 0);

async function freshQueue(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("drop schema if exists kms_drift_queue cascade");
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const given = process.env.DATABASE_URL;
  const started = given
    ? { url: given, stop: () => undefined }
    : await startThrowawayPostgres("/usr/lib/postgresql/15/bin");
  if ("problem" in started) throw new Error(`no PostgreSQL for the queue: ${started.problem}`);
  const sandbox = await spawnOrgSandbox({
    accounts: values.accounts,
    keysPerAccount: values["keys-per-account"],
    latencyMs: values["latency-ms"],
    quotas: "aws",
  });
  try {
    let sandboxCpu = cpuMsOf(sandbox.pid);
    /** The sandbox's CPU over the last run, as a share of that run's wall time. */
    const sandboxShare = (wallMs: number) => {
      const now = cpuMsOf(sandbox.pid);
      const share = `${Math.round(((now - sandboxCpu) / wallMs) * 100)}%`;
      sandboxCpu = now;
      return share;
    };
    const single = await scan(sandbox.url, [], {});
    const bound = quotaBoundMs(single.snapshot);
    const regions = single.snapshot.regions.length;
    console.log(
      `org world: ${values.accounts} members × ${values["keys-per-account"]} keys, ${regions} account-regions, ${single.snapshot.summary.keys} keys (${single.snapshot.summary.auditedKeys} audited); ${values["latency-ms"]} ms latency, AWS quotas; ${values.trail ? "with" : "without"} CloudTrail; bound ${seconds(bound)}`,
    );
    console.log(
      `single process: wall ${seconds(single.wallMs)}, ${callsOf(single.snapshot)} calls, ${Math.round(callsOf(single.snapshot) / (single.wallMs / 1000))} calls/s, CPU ${seconds(single.usage.cpuMs)}, sandbox CPU ${sandboxShare(single.wallMs)} of wall, wall / bound ${(single.wallMs / Math.max(1, bound)).toFixed(2)}; load average ${loadavg()[0]?.toFixed(1) ?? "?"} on ${cpus().length} cores`,
    );
    const ids = single.snapshot.findings
      .map((f) => f.id)
      .sort()
      .join();
    let oneWorkerMs: number | undefined;
    console.log(
      "workers | wall    | calls/s | CPU per worker (s, % of wall)        | coordinator CPU | sandbox CPU | wall/bound | speed-up | same findings",
    );
    for (const count of values.workers.split(",").map(Number)) {
      await freshQueue(started.url);
      const workers = await Promise.all(
        Array.from({ length: count }, () => startWorker(started.url, sandbox.url)),
      );
      const run = await scan(sandbox.url, ["--distributed"], { DATABASE_URL: started.url });
      for (const w of workers) w.child.kill("SIGTERM");
      await Promise.all(workers.map((w) => exited(w.child)));
      const cpu = workers.map((w) => w.usage().cpuMs);
      oneWorkerMs ??= run.wallMs;
      const calls = callsOf(run.snapshot);
      console.log(
        [
          String(count).padStart(7),
          seconds(run.wallMs).padEnd(7),
          String(Math.round(calls / (run.wallMs / 1000))).padStart(7),
          cpu
            .map((ms) => `${(ms / 1000).toFixed(1)} (${Math.round((ms / run.wallMs) * 100)}%)`)
            .join(", ")
            .padEnd(36),
          seconds(run.usage.cpuMs).padEnd(15),
          sandboxShare(run.wallMs).padStart(11),
          (run.wallMs / Math.max(1, bound)).toFixed(2).padStart(10),
          `${(oneWorkerMs / run.wallMs).toFixed(2)}×`.padStart(8),
          run.snapshot.findings
            .map((f) => f.id)
            .sort()
            .join() === ids
            ? "yes"
            : "NO",
        ].join(" | "),
      );
    }
  } finally {
    await sandbox.close();
    started.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
