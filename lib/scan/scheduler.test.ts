import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { ENV, readEnv } from "../env/env";
import { SKIP_REASON_BUSY, startScheduler, type Scheduler, type SchedulerEvent } from "./scheduler";
import type { SnapshotStore } from "../store/store-types";
import { makeSnapshot } from "../store/test-fixtures";
import { getSharedStore } from "../store/shared-store";
import { openPgliteTestStore } from "../store/test-store";

async function waitFor(
  condition: () => Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let counter = 0;
function nextSnapshot(): Snapshot {
  counter += 1;
  return makeSnapshot({
    id: `sched-${counter}`,
    startedAt: new Date(Date.UTC(2026, 10, 1) + counter * 60_000).toISOString(),
  });
}

describe("scheduler", () => {
  let store: SnapshotStore;
  let dataDir: string;
  let dispose: () => Promise<void>;
  const schedulers: Scheduler[] = [];

  beforeAll(async () => {
    ({ store, dataDir, dispose } = await openPgliteTestStore());
  });
  afterAll(async () => {
    for (const s of schedulers) s.stop();
    await dispose();
  });

  it("accumulates snapshots on an every-second schedule", async () => {
    const events: SchedulerEvent[] = [];
    const scheduler = startScheduler({
      schedule: "* * * * * *",
      runScan: async () => nextSnapshot(),
      store,
      onEvent: (e) => events.push(e),
    });
    schedulers.push(scheduler);
    expect(scheduler.nextRun()).toBeInstanceOf(Date);
    // A run is recorded after its snapshot is saved: wait for the records, not the snapshots.
    const okRuns = async () => (await store.listRuns()).filter((r) => r.status === "ok").length;
    await waitFor(async () => (await okRuns()) >= 3, "three runs recorded ok");
    scheduler.stop();
    expect(scheduler.nextRun()).toBeNull();
    expect((await store.listSnapshots()).length).toBeGreaterThanOrEqual(3);
    const runs = await store.listRuns();
    expect(runs.every((r) => r.trigger === "schedule")).toBe(true);
    expect(events.some((e) => e.type === "run" && e.status === "ok")).toBe(true);
  });

  it("skips a tick while a scan is still running and records why", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduler = startScheduler({
      schedule: "* * * * * *",
      runScan: async () => {
        await gate;
        return nextSnapshot();
      },
      store,
    });
    schedulers.push(scheduler);
    await waitFor(
      async () => (await store.listRuns(5)).some((r) => r.status === "skipped"),
      "a skipped run",
    );
    expect(scheduler.isRunning()).toBe(true);
    release();
    await waitFor(async () => !scheduler.isRunning(), "the slow scan to finish");
    scheduler.stop();
    const runs = await store.listRuns(100);
    const skipped = runs.filter((r) => r.status === "skipped");
    expect(skipped[0]?.reason).toBe(SKIP_REASON_BUSY);
    expect(skipped[0]?.snapshotId).toBeNull();
  });

  it("records a failed scan with its reason and saves nothing", async () => {
    const before = (await store.listSnapshots({ limit: 1000 })).length;
    const scheduler = startScheduler({
      schedule: "0 0 1 1 *",
      runScan: async () => {
        throw new Error("AccessDeniedException: not authorised\n    at stack frame");
      },
      store,
    });
    schedulers.push(scheduler);
    const outcome = await scheduler.runNow();
    scheduler.stop();
    expect(outcome).toEqual({ status: "failed", reason: "AccessDeniedException: not authorised" });
    const [latest] = await store.listRuns(1);
    expect(latest).toMatchObject({
      status: "failed",
      trigger: "manual",
      reason: "AccessDeniedException: not authorised",
    });
    expect((await store.listSnapshots({ limit: 1000 })).length).toBe(before);
  });

  it("shares one store per process for the web app", async () => {
    const env = { KMS_DRIFT_DATA_DIR: dataDir };
    const shared = getSharedStore(env);
    expect(getSharedStore(env)).toBe(shared);
    const sharedStore = await shared;
    expect((await sharedStore.listSnapshots({ limit: 1 }))[0]?.id).toBe(
      (await store.listSnapshots({ limit: 1 }))[0]?.id,
    );
    await sharedStore.close();
  });

  it("rejects an invalid cron expression", () => {
    expect(() =>
      startScheduler({ schedule: "every day", runScan: async () => nextSnapshot(), store }),
    ).toThrow(/invalid cron expression/);
  });
});

const readScheduleFromEnv = (env: Record<string, string>) =>
  readEnv(ENV.dashboard, env).KMS_DRIFT_SCHEDULE;

describe("KMS_DRIFT_SCHEDULE", () => {
  it("is off when unset, empty or 'off'", () => {
    expect(readScheduleFromEnv({})).toBeNull();
    expect(readScheduleFromEnv({ KMS_DRIFT_SCHEDULE: " " })).toBeNull();
    expect(readScheduleFromEnv({ KMS_DRIFT_SCHEDULE: "off" })).toBeNull();
  });
  it("accepts five- and six-field cron expressions", () => {
    expect(readScheduleFromEnv({ KMS_DRIFT_SCHEDULE: " 0 * * * * " })).toBe("0 * * * *");
    expect(readScheduleFromEnv({ KMS_DRIFT_SCHEDULE: "*/30 * * * * *" })).toBe("*/30 * * * * *");
  });
  it("names the variable and the bad expression", () => {
    expect(() => readScheduleFromEnv({ KMS_DRIFT_SCHEDULE: "61 * * * *" })).toThrow(
      /^invalid environment variable KMS_DRIFT_SCHEDULE: invalid cron expression "61 \* \* \* \*"/,
    );
  });
});
