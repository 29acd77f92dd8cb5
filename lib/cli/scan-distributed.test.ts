import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { createQueueDatabase } from "../queue/testing/queue-database";
import { startWorkerProcesses, stopWorkerProcess } from "../queue/testing/worker-processes";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { killHard } from "../store/test-processes";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";

const AUDITOR = {
  AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1",
  AWS_SECRET_ACCESS_KEY: "x",
  AWS_EC2_METADATA_DISABLED: "true",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
};
/** The regions of the world's planted drifts (seed 4, 6 members) and their references. */
const REGIONS = "us-east-1,eu-west-1,ap-southeast-2,ca-central-1";
/** Faults planted for the failing-shard test: refused in one region, unreachable in another. */
const DENIED_REGION = "eu-north-1";
const DOWN_REGION = "eu-central-1";

async function runCli(argv: string[], env: Record<string, string>) {
  const io = createMemoryIo(env, false);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

/** What must not differ between a single-process and a distributed scan (ids and times aside). */
function comparable(snapshot: Snapshot) {
  const byArn = (a: { arn: string }, b: { arn: string }) => (a.arn < b.arn ? -1 : 1);
  return {
    keys: [...snapshot.keys].sort(byArn),
    families: [...snapshot.families].sort((a, b) => (a.id < b.id ? -1 : 1)),
    findings: snapshot.findings.map((f) => f.id).sort(),
    attributed: snapshot.findings
      .map((f) => `${f.id} ${f.attribution.map((a) => a.eventId).join(",")}`)
      .sort(),
    regions: snapshot.regions
      .map(
        (r) =>
          `${r.account} ${r.region} ${r.status} ${r.error ?? ""} ${r.keyCount} ${r.trail?.status ?? ""}`,
      )
      .sort(),
    accounts: snapshot.accountScans,
    summary: snapshot.summary,
    events: snapshot.events.map((e) => e.eventId).sort(),
  };
}

describe("scan --distributed over 3 worker processes (PostgreSQL job queue)", () => {
  let sandbox: SandboxServer;
  let database: { url: string; drop(): Promise<void> };
  let workers: { child: ChildProcess; id: string; stderr: () => string }[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createQueueDatabase();
    sandbox = await startSandboxServer({
      port: 0,
      world: "org",
      seed: 4,
      accounts: 6,
      keysPerAccount: 4,
      anchor: new Date("2026-11-01T00:00:00Z"),
      // Shards take long enough for a worker to be killed while it holds one.
      faults: {
        latencyMs: 40,
        denied: [{ action: "kms:ListKeys", region: DENIED_REGION }],
        down: [DOWN_REGION],
      },
    });
    env = { ...AUDITOR, DATABASE_URL: database.url, KMS_DRIFT_SHARD_LEASE: "5" };
    workers = await startWorkerProcesses(3, ["--endpoint", sandbox.url, "--concurrency", "6"], {
      ...process.env,
      ...env,
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorkerProcess(w.child)));
    await database?.drop();
    await sandbox?.close();
  }, 90_000);

  beforeEach(() => {
    for (const [name, value] of Object.entries(AUDITOR)) vi.stubEnv(name, value);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  const scanArgs = (regions: string, ...extra: string[]) => [
    "scan",
    "--org",
    "--endpoint",
    sandbox.url,
    "--regions",
    regions,
    "--fail-on",
    "none",
    "--quiet",
    ...extra,
  ];

  it("gives the single-process snapshot: the same keys, families, findings and attribution", async () => {
    const single = await runCli(scanArgs(REGIONS), AUDITOR);
    const distributed = await runCli(scanArgs(REGIONS, "--distributed"), env);
    expect(distributed.stderr).toBe("");
    expect(distributed.code).toBe(single.code);
    const local = JSON.parse(single.stdout) as Snapshot;
    const onWorkers = JSON.parse(distributed.stdout) as Snapshot;
    expect(local.findings.length).toBeGreaterThan(0);
    expect(local.events.length).toBeGreaterThan(0);
    expect(comparable(onWorkers)).toEqual(comparable(local));

    // Every worker took part, and the shards' results were cleared once the snapshot was made.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const done = await client.query<{ id: string; shards_done: number }>(
        "select id, shards_done from kms_drift_queue.worker",
      );
      expect(
        done.rows
          .filter((r) => r.shards_done > 0)
          .map((r) => r.id)
          .sort(),
      ).toEqual(workers.map((w) => w.id).sort());
      const left = await client.query("select 1 from kms_drift_queue.shard_result");
      expect(left.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  }, 120_000);

  it("recovers from a worker SIGKILLed while it holds shards: the same snapshot", async () => {
    const single = await runCli(scanArgs(REGIONS, "--no-trail"), AUDITOR);
    const victim = workers[0];
    if (victim === undefined) throw new Error("no worker");
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const retried = async () =>
      Number(
        (
          await client.query<{ n: string }>(
            "select count(*) as n from kms_drift_queue.job where state = 'completed' and retry_count > 0",
          )
        ).rows[0]?.n,
      );
    try {
      const retriedBefore = await retried();
      const scan = runCli(scanArgs(REGIONS, "--no-trail", "--distributed"), env);
      // Killed once it holds a shard: its lease (5 s) runs out and another worker retries it.
      let held = 0;
      while (held === 0) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const row = await client.query<{ shards_active: number }>(
          "select shards_active from kms_drift_queue.worker where id = $1",
          [victim.id],
        );
        held = row.rows[0]?.shards_active ?? 0;
      }
      expect(await killHard(victim.child)).toBe("SIGKILL");
      const distributed = await scan;
      expect(distributed.code).toBe(single.code);
      expect(comparable(JSON.parse(distributed.stdout) as Snapshot)).toEqual(
        comparable(JSON.parse(single.stdout) as Snapshot),
      );
      // What the killed worker held was done again, by another worker.
      expect(await retried()).toBeGreaterThan(retriedBefore);
    } finally {
      await client.end();
    }
  }, 120_000);

  it("ends a shard that keeps failing as its region's error with the reason; the rest is read", async () => {
    const regions = `us-east-1,${DENIED_REGION},${DOWN_REGION}`;
    const distributed = await runCli(scanArgs(regions, "--no-trail", "--distributed"), env);
    expect(distributed.code).toBe(3);
    const snapshot = JSON.parse(distributed.stdout) as Snapshot;
    const scanned = (snapshot.accountScans ?? []).filter((a) => a.status !== "skipped").length;
    const byRegion = (region: string) => snapshot.regions.filter((r) => r.region === region);
    expect(byRegion("us-east-1").map((r) => r.status)).toEqual(Array(scanned).fill("ok"));
    for (const r of byRegion(DENIED_REGION)) {
      expect(r.status).toBe("error");
      // An answer (AccessDenied) is not tried again.
      expect(r.error).toMatch(/^AccessDeniedException/);
      expect(r.error).not.toMatch(/attempts/);
    }
    for (const r of byRegion(DOWN_REGION)) {
      expect(r.status).toBe("error");
      // No answer: tried on the workers until the retries ran out.
      expect(r.error).toMatch(/\(after 3 attempts\)$/);
    }
    expect(byRegion(DENIED_REGION)).toHaveLength(scanned);
    expect(byRegion(DOWN_REGION)).toHaveLength(scanned);
  }, 120_000);

  it("a worker told to stop (SIGTERM) with nothing in hand exits 0 at once and is listed as stopped", async () => {
    const worker = workers[1];
    if (worker === undefined) throw new Error("no worker");
    const started = Date.now();
    expect(await stopWorkerProcess(worker.child)).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const row = await client.query<{ stopped: boolean }>(
        "select stopped_at is not null as stopped from kms_drift_queue.worker where id = $1",
        [worker.id],
      );
      expect(row.rows[0]?.stopped).toBe(true);
    } finally {
      await client.end();
    }
  }, 30_000);
});
