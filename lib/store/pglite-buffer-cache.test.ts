import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPgliteClient } from "./pglite-client";
import { openStore } from "./store";
import { makeSnapshot } from "./test-fixtures";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-buffer-cache-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function sharedBuffers(dataDir: string, bufferCacheMb?: number): Promise<string | undefined> {
  const client = await openPgliteClient(
    dataDir,
    bufferCacheMb === undefined ? {} : { bufferCacheMb },
  );
  try {
    const [row] = await client.query<{ shared_buffers: string }>("show shared_buffers");
    return row?.shared_buffers;
  } finally {
    await client.close();
  }
}

describe("PGlite's buffer cache", () => {
  it("is PostgreSQL's 128 MB unless the opener asks for another size", async () => {
    const dataDir = await freshDir();
    expect(await sharedBuffers(dataDir)).toBe("128MB");
    expect(await sharedBuffers(dataDir, 16)).toBe("16MB");
    expect(await sharedBuffers(dataDir)).toBe("128MB");
  }, 120_000);

  it("at 16 MB, as kms-drift scan --save opens it, saves a snapshot that reads back whole", async () => {
    const dataDir = await freshDir();
    const snapshot = makeSnapshot({ id: "small-cache", extraKeys: 3_000 });
    const store = await openStore({ dataDir, bufferCacheMb: 16 });
    try {
      await store.saveSnapshot(snapshot);
    } finally {
      await store.close();
    }
    const reader = await openStore({ dataDir });
    try {
      const stored = await reader.getSnapshot("small-cache");
      expect(stored?.keys).toHaveLength(snapshot.keys.length);
      expect(stored?.keys.map((k) => k.arn)).toEqual(snapshot.keys.map((k) => k.arn));
    } finally {
      await reader.close();
    }
  }, 120_000);
});
