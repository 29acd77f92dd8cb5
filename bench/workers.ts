/**
 * Worker benchmark (prints figures, asserts nothing): `npm run bench:workers -- [--accounts 40]
 * [--keys-per-account 40] [--regions us-east-1,eu-west-1,ap-southeast-2,ca-central-1]
 * [--latency-ms 20] [--workers 1,2,4] [--concurrency 128] [--trail]`.
 *
 * The org world runs in its own process with AWS quotas per (account, region) and latency. A
 * throwaway PostgreSQL (Debian's server, as the tests start it; or $DATABASE_URL) holds the queue.
 * For each worker count, that many `kms-drift worker` processes and one `scan --distributed`
 * coordinator run as processes of their own, each reporting its CPU time at exit. Printed per run:
 * wall, calls/s, wall against the quota bound (the slowest account-region: its audited keys at
 * GetKeyLastUsage's 5/s) and the speed-up over one worker; per worker its calls, calls/s and CPU
 * seconds per 1,000 calls; the coordinator's time split (list wave, read wave, the stages after
 * the reads) and CPU; and how saturated the machine was (CPU of every process, PostgreSQL and the
 * sandbox included, over wall × cores). Last, what the figures predict for N machines. A
 * single-process scan of the same world first, for reference. Without `--trail` the CloudTrail
 * lookups (2/s per region, the same for any number of workers) are left out.
 *
 * `--concurrency` is shards per worker. A low one with a high `--latency-ms` makes each worker
 * I/O-bound (shards × latency, not its core, sets its pace): the scaling the queue gives once the
 * CPU is no longer the limit, which a 2-core machine that also runs the sandbox cannot show
 * otherwise.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
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
  // Loading TypeScript through tsx costs a worker about 2 s of CPU before its first shard.
  return { ...worker, startCpuMs: cpuMsOf(worker.child.pid) };
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

/** /proc/PID/stat's fields after the command name (field 3 onwards), or [] if it is gone. */
function statOf(pid: number | string | undefined): string[] {
  try {
    return (
      readFileSync(`/proc/${String(pid)}/stat`, "utf8")
        .split(") ")[1]
        ?.split(" ") ?? []
    );
  } catch {
    return [];
  }
}

/** CPU time a process has used so far (utime + stime, in clock ticks of 10 ms). */
function cpuMsOf(pid: number | undefined): number {
  const fields = statOf(pid);
  return fields.length === 0 ? Number.NaN : (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time of a process and its children, gone ones included (cutime + cstime): the PostgreSQL
 * server, whose backends come and go with each connection.
 */
function treeCpuMsOf(pid: number | undefined): number {
  const own = statOf(pid);
  if (own.length === 0 || pid === undefined) return Number.NaN;
  const ticks = (f: string[]) =>
    Number(f[11]) + Number(f[12]) + Number(f[13] ?? 0) + Number(f[14] ?? 0);
  let total = ticks(own);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statOf(entry);
    if (fields[1] === String(pid)) total += ticks(fields);
  }
  return total * 10;
}

/** The PostgreSQL server listening on `port` (its postmaster), found by its command line. */
function postmasterOn(port: string): number | undefined {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd[0]?.endsWith("/postgres") && cmd.join(" ").includes(`-p ${port}`))
        return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}

function loadAverage(): string {
  return readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
}

interface WorkerRow {
  pid: number;
  calls: number;
  shards: number;
}

interface ScanTimes {
  listMs: number;
  readMs: number;
  afterReadsMs: number;
  queuedMs: number;
}

/** Each worker's calls and shards, and where the last distributed scan's time went. */
async function queueFigures(url: string): Promise<{ workers: WorkerRow[]; times: ScanTimes }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const workers = await client.query<{ pid: number; calls: string; shards_done: number }>(
      "select pid, calls, shards_done from kms_drift_queue.worker",
    );
    const scans = await client.query<{
      started_at: Date;
      listed_at: Date | null;
      read_at: Date | null;
      finished_at: Date | null;
    }>(
      "select started_at, listed_at, read_at, finished_at from kms_drift_queue.distributed_scan order by started_at desc limit 1",
    );
    const row = scans.rows[0];
    const at = (d: Date | null | undefined) => d?.getTime() ?? Number.NaN;
    return {
      workers: workers.rows.map((w) => ({
        pid: w.pid,
        calls: Number(w.calls),
        shards: w.shards_done,
      })),
      times: {
        listMs: at(row?.listed_at) - at(row?.started_at),
        readMs: at(row?.read_at) - at(row?.listed_at),
        afterReadsMs: at(row?.finished_at) - at(row?.read_at),
        queuedMs: at(row?.finished_at) - at(row?.started_at),
      },
    };
  } finally {
    await client.end();
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

interface RunFigures {
  count: number;
  wallMs: number;
  calls: number;
  /** calls per CPU second of a worker: one core's throughput. */
  callsPerWorkerCpuS: number;
  afterReadsMs: number;
}

/** What the runs predict for N machines of one worker core each. */
function printPrediction(runs: readonly RunFigures[], boundMs: number): void {
  const rates = runs.map((r) => r.callsPerWorkerCpuS).filter((r) => Number.isFinite(r));
  const rate = rates.length === 0 ? Number.NaN : Math.max(...rates);
  const last = runs.at(-1);
  if (last === undefined || !Number.isFinite(rate)) return;
  // The quotas: no (account, region) ends before its calls at its quota, however many workers.
  const quotaCap = last.calls / (Math.max(1, boundMs) / 1000);
  console.log(
    `prediction: one worker core does ${Math.round(rate)} calls/s (CPU-bound); the quotas cap this workload at ${Math.round(quotaCap)} calls/s (${last.calls} calls in the ${seconds(boundMs)} bound); the coordinator adds ${seconds(last.afterReadsMs)} after the reads`,
  );
  console.log("machines (1 worker core each) | calls/s | wall (waves + stages after the reads)");
  for (const n of [1, 2, 4, 8, 16, 32]) {
    const callsPerS = Math.min(rate * n, quotaCap);
    const wallMs = (last.calls / callsPerS) * 1000 + last.afterReadsMs;
    console.log(
      `${String(n).padStart(29)} | ${String(Math.round(callsPerS)).padStart(7)} | ${seconds(wallMs)}${callsPerS === quotaCap ? " (quota-bound)" : ""}`,
    );
  }
}

async function main(): Promise<void> {
  const given = process.env.DATABASE_URL;
  const started = given
    ? { url: given, stop: () => undefined }
    : await startThrowawayPostgres("/usr/lib/postgresql/15/bin");
  if ("problem" in started) throw new Error(`no PostgreSQL for the queue: ${started.problem}`);
  const postgresPid = postmasterOn(new URL(started.url).port);
  const sandbox = await spawnOrgSandbox({
    accounts: values.accounts,
    keysPerAccount: values["keys-per-account"],
    latencyMs: values["latency-ms"],
    quotas: "aws",
  });
  const cores = cpus().length;
  try {
    let sandboxCpu = cpuMsOf(sandbox.pid);
    let postgresCpu = treeCpuMsOf(postgresPid);
    /** CPU the sandbox and PostgreSQL spent since the last call. */
    const serversCpu = () => {
      const s = cpuMsOf(sandbox.pid);
      const p = treeCpuMsOf(postgresPid);
      const spent = { sandboxMs: s - sandboxCpu, postgresMs: p - postgresCpu };
      sandboxCpu = s;
      postgresCpu = p;
      return spent;
    };
    const single = await scan(sandbox.url, [], {});
    const bound = quotaBoundMs(single.snapshot);
    const regions = single.snapshot.regions.length;
    const singleServers = serversCpu();
    const singleCalls = callsOf(single.snapshot);
    console.log(
      `org world: ${values.accounts} members × ${values["keys-per-account"]} keys, ${regions} account-regions, ${single.snapshot.summary.keys} keys (${single.snapshot.summary.auditedKeys} audited); ${values["latency-ms"]} ms latency, AWS quotas; ${values.trail ? "with" : "without"} CloudTrail; bound ${seconds(bound)}; ${values.concurrency} shards per worker; ${cores} cores`,
    );
    console.log(
      `single process: wall ${seconds(single.wallMs)}, ${singleCalls} calls, ${Math.round(singleCalls / (single.wallMs / 1000))} calls/s, CPU ${seconds(single.usage.cpuMs)} (${(single.usage.cpuMs / singleCalls).toFixed(2)} s per 1,000 calls), sandbox CPU ${seconds(singleServers.sandboxMs)}, CPU saturation ${Math.round(((single.usage.cpuMs + singleServers.sandboxMs) / single.wallMs / cores) * 100)}%, wall / bound ${(single.wallMs / Math.max(1, bound)).toFixed(2)}; load average ${loadAverage()}`,
    );
    const ids = single.snapshot.findings
      .map((f) => f.id)
      .sort()
      .join();
    let oneWorkerMs: number | undefined;
    const figures: RunFigures[] = [];
    console.log(
      "workers | wall   | calls/s | per worker: calls/s, CPU s per 1,000 calls | coordinator: list + read waves + after reads, CPU | CPU saturation | wall/bound | speed-up | same findings | load average",
    );
    for (const count of values.workers.split(",").map(Number)) {
      await freshQueue(started.url);
      const workers = await Promise.all(
        Array.from({ length: count }, () => startWorker(started.url, sandbox.url)),
      );
      serversCpu();
      const run = await scan(sandbox.url, ["--distributed"], { DATABASE_URL: started.url });
      const load = loadAverage();
      const servers = serversCpu();
      const queue = await queueFigures(started.url);
      for (const w of workers) w.child.kill("SIGTERM");
      await Promise.all(workers.map((w) => exited(w.child)));
      const perWorker = workers.map((w) => {
        const cpuMs = w.usage().cpuMs - w.startCpuMs;
        const calls = queue.workers.find((r) => r.pid === w.child.pid)?.calls ?? 0;
        return { cpuMs, calls };
      });
      const workerCpuMs = perWorker.reduce((n, w) => n + w.cpuMs, 0);
      const workerCalls = perWorker.reduce((n, w) => n + w.calls, 0);
      oneWorkerMs ??= run.wallMs;
      const calls = callsOf(run.snapshot);
      const allCpuMs = workerCpuMs + run.usage.cpuMs + servers.sandboxMs + servers.postgresMs;
      figures.push({
        count,
        wallMs: run.wallMs,
        calls,
        callsPerWorkerCpuS: workerCalls / (workerCpuMs / 1000),
        afterReadsMs: queue.times.afterReadsMs,
      });
      console.log(
        [
          String(count).padStart(7),
          seconds(run.wallMs).padEnd(6),
          String(Math.round(calls / (run.wallMs / 1000))).padStart(7),
          perWorker
            .map(
              (w) =>
                `${Math.round(w.calls / (run.wallMs / 1000))}/s ${(w.cpuMs / Math.max(1, w.calls)).toFixed(2)} s`,
            )
            .join(", ")
            .padEnd(42),
          `${seconds(queue.times.listMs)} + ${seconds(queue.times.readMs)} + ${seconds(queue.times.afterReadsMs)}, ${seconds(run.usage.cpuMs)}`.padEnd(
            49,
          ),
          `${Math.round((allCpuMs / run.wallMs / cores) * 100)}%`.padStart(14),
          (run.wallMs / Math.max(1, bound)).toFixed(2).padStart(10),
          `${(oneWorkerMs / run.wallMs).toFixed(2)}×`.padStart(8),
          (run.snapshot.findings
            .map((f) => f.id)
            .sort()
            .join() === ids
            ? "yes"
            : "NO"
          ).padStart(13),
          load,
        ].join(" | "),
      );
    }
    console.log(
      "Per worker: its calls over the scan's wall, and its CPU after start (tsx's loading left out) per 1,000 calls. CPU saturation: CPU of the workers, the coordinator, the sandbox and PostgreSQL over wall × cores.",
    );
    printPrediction(figures, bound);
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
