import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getStore } from "@/lib/server/store";
import { killHard, startStoreHolder } from "@/lib/store/test-processes";
import { GET as getOverview } from "./overview/route";
import { GET as getSnapshots } from "./snapshots/route";

const noParams = { params: Promise.resolve({}) };
const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
let dataDir = "";
let holder: ChildProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-store-unavailable-"));
  vi.stubEnv("KMS_DRIFT_DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", "");
  // Another process (as a CLI `scan --save` would) holds the PGlite directory.
  holder = await startStoreHolder(dataDir);
}, 60_000);

afterAll(async () => {
  await killHard(holder);
  await (await getStore().catch(() => null))?.close();
  vi.unstubAllEnvs();
  await rm(dataDir, { recursive: true, force: true });
});

describe("API routes while another process holds the store", () => {
  it("answer 503 store_unavailable naming the holder, then recover once it is gone", async () => {
    for (const route of [getSnapshots, getOverview]) {
      const response = await route(new Request("http://127.0.0.1/api/x"), noParams);
      expect(response.status).toBe(503);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("store_unavailable");
      expect(body.error.message).toMatch(
        new RegExp(
          `^the store \\S+ is in use by the dashboard \\(pid ${holder.pid ?? -1}, since ${ISO}\\)\\. ` +
            "PGlite lets one process use a data directory at a time: stop that process, or set " +
            "DATABASE_URL to a PostgreSQL server that both can share$",
        ),
      );
    }
    expect(await killHard(holder)).toBe("SIGKILL");
    const after = await getSnapshots(new Request("http://127.0.0.1/api/snapshots"), noParams);
    expect(after.status).toBe(200);
    const list = (await after.json()) as { snapshots: { id: string }[] };
    expect(list.snapshots.map((s) => s.id)).toEqual(["held"]);
  }, 60_000);
});
