import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "./store";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

/** Resolves once the child prints `marker`; rejects if it exits first. */
function waitForMarker(child: ReturnType<typeof spawn>, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${marker}\n`)) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`writer exited (${code ?? signal}) before "${marker}": ${err}`)),
    );
  });
}

describe("store crash safety", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it("keeps the previous history and shows no partial snapshot after SIGKILL mid-transaction", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-crash-"));
    dirs.push(dataDir);
    const child = spawn(TSX, [path.join(__dirname, "crash-writer.ts"), dataDir], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("exit", (_code, signal) => resolve(signal)),
    );
    await waitForMarker(child, "writing");
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const store = await openStore({ dataDir });
    try {
      const list = await store.listSnapshots();
      expect(list.map((s) => s.id)).toEqual(["intact"]);
      const intact = await store.getSnapshot("intact");
      expect(intact?.findings.length).toBeGreaterThan(0);
      expect(await store.findings({ snapshotId: "intact" })).toEqual(intact?.findings);
      expect(await store.getSnapshot("partial")).toBeNull();
      expect(await store.findings({ snapshotId: "partial" })).toEqual([]);
      expect(await store.listRuns()).toEqual([]);
      // The store still accepts writes after recovery.
      const { changes } = await store.saveSnapshot({
        ...(intact ?? fail()),
        id: "after",
        startedAt: "2026-11-22T08:00:00.000Z",
      });
      expect(changes.fromSnapshotId).toBe("intact");
    } finally {
      await store.close();
    }
  }, 120_000);
});

function fail(): never {
  throw new Error("intact snapshot missing");
}
