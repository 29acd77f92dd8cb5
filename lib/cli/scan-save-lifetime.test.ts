import { mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import type { SandboxServer } from "../sandbox/server";
import { startTestSandbox } from "../sandbox/testing/clients";
import { LOCK_DIR } from "../store/data-dir-lock";
import { openStore } from "../store/store";
import { cliEnv, killHard, runCliProcess, scanSaveArgs, spawnTs } from "../store/test-processes";

const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

/** The resident set of a running process, from /proc (Linux). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(kb) / 1024;
}

// PGlite costs ~700 MB of RSS while it creates a store; the CLI without it stays well under this.
const WITHOUT_PGLITE_MB = 450;

/** The files of the data directory a process has open (PGlite keeps its relations and WAL open). */
async function openStoreFiles(pid: number, dataDir: string): Promise<string[]> {
  const fds = await readdir(`/proc/${pid}/fd`);
  const targets = await Promise.all(
    fds.map((fd) => readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")),
  );
  return targets.filter((target) => target.startsWith(`${dataDir}${path.sep}`));
}

describe("kms-drift scan --save holds the store's lock for the whole run, PGlite only to read and save", () => {
  let server: SandboxServer;
  let fast: SandboxServer;
  let dataDir: string;
  beforeAll(async () => {
    // Slow answers: the scan lasts long enough (~20 s after its first progress line) to look at the
    // CLI while it runs, a second CLI's start-up included, on a loaded machine. At 400 ms it was
    // ~6 s, and a second CLI once started after the first had saved.
    server = await startTestSandbox({ world: "demo", seed: 1, faults: { latencyMs: 1_500 } });
    // The same world answering at once, for the scan after the save.
    fast = await startTestSandbox({ world: "demo", seed: 1 });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-save-lifetime-"));
  });
  afterAll(async () => {
    await server?.close();
    await fast?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses a second store user during the scan, does not carry PGlite through it, and saves", async () => {
    // On a data directory PGlite has to create, opening it costs the most memory (~700 MB).
    const scan = spawnTs("lib/cli/main.ts", scanSaveArgs(server.url), cliEnv(dataDir));
    let stderr = "";
    scan.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const pid = scan.pid ?? -1;
    const exited = new Promise<number | null>((resolve) => scan.on("close", resolve));
    try {
      // Progress on the read phase: the store is claimed and the scan is under way.
      await expect
        .poll(() => stderr, { timeout: 60_000, interval: 100 })
        .toMatch(/^kms-drift: read /m);
      // PGlite closed: none of the store's files is open, whatever the machine's load.
      expect(await openStoreFiles(pid, dataDir)).toEqual([]);
      // And its memory given back. Polled: on a loaded machine the memory of the PGlite that
      // created the store can stay mapped a moment after it closed (533 MB seen once in CI).
      await expect
        .poll(() => rssMb(pid), { timeout: 10_000, interval: 200 })
        .toBeLessThan(WITHOUT_PGLITE_MB);

      const refused = await openStore({ dataDir, holder: "the dashboard" }).catch(
        (error: unknown) => error,
      );
      expect((refused as Error).message).toMatch(
        new RegExp(`in use by kms-drift scan --save \\(pid ${pid}, since ${ISO}\\)`),
      );
      const second = await runCliProcess(scanSaveArgs(server.url), cliEnv(dataDir));
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(
        new RegExp(`^kms-drift: the store .+ is in use by kms-drift scan --save \\(pid ${pid}, `),
      );
      expect(stderr).not.toMatch(/saved/);
    } catch (error) {
      await killHard(scan);
      throw error;
    }
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/^kms-drift: snapshot [0-9a-f-]{36} saved$/m);

    const reopened = await openStore({ dataDir });
    const [saved] = await reopened.listSnapshots();
    await reopened.close();

    // The next scan reads that snapshot before it starts: its CloudTrail window opens at its start.
    const withTrail = scanSaveArgs(fast.url)
      .filter((arg) => arg !== "--no-trail")
      .map((arg) => (arg === "table" ? "json" : arg));
    const next = await runCliProcess(withTrail, cliEnv(dataDir));
    expect(next.code).toBe(0);
    const snapshot = JSON.parse(next.stdout) as Snapshot;
    expect(
      snapshot.regions.map((region) => region.trail?.status === "ok" && region.trail.from),
    ).toEqual([saved?.startedAt]);
  }, 240_000);
});

describe("kms-drift scan --save whose store lock is taken during the scan", () => {
  let server: SandboxServer;
  let dataDir: string;
  beforeAll(async () => {
    // Slower still: the lock is refreshed every 10 s, and the scan must outlast one refresh.
    server = await startTestSandbox({ world: "demo", seed: 1, faults: { latencyMs: 2_000 } });
    dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-save-lost-"));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says the snapshot was not saved, and why, instead of an unexpected error", async () => {
    const scan = spawnTs("lib/cli/main.ts", scanSaveArgs(server.url), cliEnv(dataDir));
    let stderr = "";
    scan.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => scan.on("close", resolve));
    try {
      await expect
        .poll(() => stderr, { timeout: 60_000, interval: 100 })
        .toMatch(/^kms-drift: read /m);
      // As `rm -rf` of the data directory's lock by hand, or a second host taking it over.
      await rm(path.join(dataDir, LOCK_DIR), { recursive: true });
    } catch (error) {
      await killHard(scan);
      throw error;
    }
    expect(await exited).toBe(2);
    expect(stderr).toMatch(
      /^kms-drift: snapshot [0-9a-f-]{36} was not saved: this process no longer holds the store .+; restart it$/m,
    );
  }, 240_000);
});
