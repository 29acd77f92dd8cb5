import { mkdir, mkdtemp, rm, utimes } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "../sandbox/server";
import { startTestSandbox } from "../sandbox/testing/clients";
import { LOCK_DIR, lockDataDir, StoreLockedError } from "./data-dir-lock";
import { openStore } from "./store";
import { claimDeadHolder, readHolder, writeHolder, type StoreHolder } from "./store-holder";
import { makeSnapshot } from "./test-fixtures";
import {
  cliEnv,
  killHard,
  runCliProcess,
  scanSaveArgs,
  spawnTs,
  storeInUseLine,
  waitForMarker,
} from "./test-processes";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-lock-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("one process per PGlite data directory", () => {
  let server: SandboxServer;
  beforeAll(async () => {
    server = await startTestSandbox();
  });
  afterAll(async () => {
    await server?.close();
  });

  const scanSave = (dataDir: string) => runCliProcess(scanSaveArgs(server.url), cliEnv(dataDir));

  it("names a holder that is another process, and frees the store when it is SIGKILLed; nothing is lost", async () => {
    const dataDir = await freshDir();
    const holder = spawnTs("lib/store/testing/hold-store.ts", [
      dataDir,
      "held",
      "2026-11-20T08:00:00.000Z",
    ]);
    try {
      await waitForMarker(holder, "holding");
      const refused = await scanSave(dataDir);
      expect(refused.stderr).toMatch(storeInUseLine("kms-drift", dataDir, holder.pid ?? -1));
      expect(refused.code).toBe(2);
    } finally {
      // Killed here whatever happened above: a failed assertion must not leave it running.
      expect(await killHard(holder)).toBe("SIGKILL");
    }
    const saved = await scanSave(dataDir);
    expect(saved.stderr).toMatch(/^kms-drift: snapshot [0-9a-f-]{36} saved$/m);
    expect(saved.code).toBe(0);
    const cliId = /snapshot ([0-9a-f-]{36}) saved/.exec(saved.stderr)?.[1];

    // A dashboard started afterwards sees both, and its own next snapshot survives a restart.
    const dashboard = await openStore({ dataDir, holder: "the dashboard" });
    await dashboard.saveSnapshot(
      makeSnapshot({ id: "after-restart", startedAt: new Date(Date.now() + 60_000).toISOString() }),
    );
    await dashboard.close();
    const reopened = await openStore({ dataDir });
    try {
      const ids = (await reopened.listSnapshots()).map((s) => s.id);
      expect(ids).toEqual(["after-restart", cliId, "held"]);
    } finally {
      await reopened.close();
    }
    // Closed cleanly: nothing of the lock is left behind.
    const again = await scanSave(dataDir);
    expect(again.code).toBe(0);
  }, 180_000);
});

describe("the data directory lock", () => {
  it("reports a holder that left no record, and takes over a lock whose holder stopped refreshing it", async () => {
    const dataDir = await freshDir();
    await mkdir(path.join(dataDir, LOCK_DIR));
    const timing = { staleMs: 2_000, updateMs: 1_000 };
    const refused = await lockDataDir(dataDir, "test", timing).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as Error).message).toContain(
      "in use by another kms-drift process that has not said what it is (its lock expires 2 s after it stops)",
    );
    const past = new Date(Date.now() - 10_000);
    await utimes(path.join(dataDir, LOCK_DIR), past, past);
    const lock = await lockDataDir(dataDir, "test", timing);
    expect(lock.lostReason()).toBeNull();
    await lock.release();
  });

  it("lets exactly one of several processes claim a dead holder's record, and never a newer one", async () => {
    const dataDir = await freshDir();
    const dead: StoreHolder = { pid: 999_999, host: "h", role: "the dashboard", since: "t0" };
    await writeHolder(dataDir, dead);
    const claims = await Promise.all([1, 2, 3].map(() => claimDeadHolder(dataDir, dead)));
    expect(claims.filter(Boolean)).toHaveLength(1);

    const newer: StoreHolder = { ...dead, pid: 4242, since: "t1" };
    await writeHolder(dataDir, newer);
    expect(await claimDeadHolder(dataDir, dead)).toBe(false);
    expect(await readHolder(dataDir)).toEqual(newer);
  });

  it("stops a holder from writing once its lock is taken from it", async () => {
    const dataDir = await freshDir();
    const store = await openStore({ dataDir, lockTiming: { staleMs: 2_000, updateMs: 1_000 } });
    try {
      await store.saveSnapshot(makeSnapshot({ id: "before" }));
      await rm(path.join(dataDir, LOCK_DIR), { recursive: true });
      await expect
        .poll(
          () =>
            store
              .listSnapshots()
              .then(() => "still writable")
              .catch((error: unknown) => (error as Error).message),
          { timeout: 5_000, interval: 200 },
        )
        .toMatch(/^this process no longer holds the store .+; restart it$/);
      await expect(
        store.saveSnapshot(makeSnapshot({ id: "after", startedAt: "2026-11-25T08:00:00.000Z" })),
      ).rejects.toThrow(/no longer holds the store/);
    } finally {
      await store.close();
    }
  });
});
