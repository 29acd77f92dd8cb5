import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyLastUse } from "@/lib/domain/key-record";
import { FIXTURE_ACCOUNT, makeSnapshot } from "@/lib/store/test-fixtures";
import { getStore } from "@/lib/server/store";
import { GET as getFamily } from "./families/[id]/route";
import { GET as getResidency } from "./residency/route";

const BASE = "http://127.0.0.1";
const FAMILY = `${FIXTURE_ACCOUNT}:mrk-1234abcd`;
let dataDir = "";

const USED: KeyLastUse = {
  trackingStartDate: "2026-04-01T00:00:00.000Z",
  keyCreationDate: "2026-02-01T00:00:00.000Z",
  lastUsed: { operation: "Decrypt", at: "2026-11-20T10:15:00.000Z", cloudTrailEventId: "e-1" },
};
const UNUSED: KeyLastUse = {
  trackingStartDate: "2026-04-01T00:00:00.000Z",
  keyCreationDate: "2026-02-01T00:00:00.000Z",
  lastUsed: null,
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-last-use-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const snapshot = makeSnapshot({ id: "snap-last-use" });
  // us-east-1 used, eu-west-1 unused since tracking began (and older than it), ap-southeast-2 not read.
  for (const key of snapshot.keys) {
    if (key.region === "us-east-1") key.lastUse = USED;
    if (key.region === "eu-west-1") key.lastUse = UNUSED;
  }
  await (await getStore()).saveSnapshot(snapshot);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("last use in the family and residency views", () => {
  it("shows last use per region, never flagged as drift, and says which region was never used", async () => {
    const response = await getFamily(new Request(`${BASE}/api/families/x`), {
      params: Promise.resolve({ id: encodeURIComponent(FAMILY) }),
    });
    const body = (await response.json()) as {
      members: { region: string }[];
      properties: { property: string; values: (string | null)[]; differs: boolean[] }[];
      drUnused: { region: string; createdBeforeTracking: boolean; trackingStartDate: string }[];
    };
    const row = body.properties.find((p) => p.property === "Last use");
    expect(body.members.map((m) => m.region)).toEqual(["us-east-1", "ap-southeast-2", "eu-west-1"]);
    expect(row?.values).toEqual([
      "Decrypt on 2026-11-20 10:15 UTC",
      null,
      "no use since 2026-04-01",
    ]);
    expect(row?.differs).toEqual([false, false, false]);
    expect(body.drUnused).toEqual([
      {
        region: "eu-west-1",
        trackingStartDate: "2026-04-01T00:00:00.000Z",
        createdBeforeTracking: true,
      },
    ]);
  });

  it("gives each region the newest use of the key material it holds, or says it was not read", async () => {
    const response = await getResidency(new Request(`${BASE}/api/residency`), {
      params: Promise.resolve({}),
    });
    const body = (await response.json()) as {
      regions: { region: string; lastUsed: unknown; lastUseRead: boolean }[];
    };
    const byRegion = new Map(body.regions.map((r) => [r.region, r]));
    expect(byRegion.get("us-east-1")).toMatchObject({
      lastUsed: {
        operation: "Decrypt",
        at: "2026-11-20T10:15:00.000Z",
        keyId: "mrk-1234abcd",
        account: FIXTURE_ACCOUNT,
      },
      lastUseRead: true,
    });
    expect(byRegion.get("eu-west-1")).toMatchObject({ lastUsed: null, lastUseRead: true });
    expect(byRegion.get("ap-southeast-2")).toMatchObject({ lastUsed: null, lastUseRead: false });
  });
});
