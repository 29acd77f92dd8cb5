import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "@/lib/domain/finding";
import { getStore } from "@/lib/server/store";
import { FIXTURE_ACCOUNT, makeSnapshot } from "@/lib/store/test-fixtures";
import { GET as getSnapshot } from "./snapshots/[id]/route";
import { GET as getCompare } from "./snapshots/compare/route";
import { GET as getExport } from "./snapshots/[id]/export/route";

const BASE = "http://127.0.0.1";
const FULL = "snap-full";
const DOWN = "snap-eu-down";
const DOWN_ERROR = "connect ECONNREFUSED 127.0.0.1:4566";
let dataDir = "";
let inEuWest: Finding[] = [];

const withId = (id: string) => ({ params: Promise.resolve({ id }) });
const noParams = { params: Promise.resolve({}) };
const ids = (findings: { id: string }[]) => findings.map((f) => f.id).sort();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-incomplete-api-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const store = await getStore();
  const full = makeSnapshot({ id: FULL, startedAt: "2026-11-23T08:00:00.000Z" });
  await store.saveSnapshot(full);
  inEuWest = full.findings.filter((f) => f.region === "eu-west-1");

  // The next scan could not read eu-west-1: its key is dropped and its findings are gone.
  const down = makeSnapshot({ id: DOWN, startedAt: "2026-11-24T08:00:00.000Z" });
  const region = down.regions.find((r) => r.region === "eu-west-1");
  if (!region) throw new Error("fixture has eu-west-1");
  Object.assign(region, { status: "error", error: DOWN_ERROR, keyCount: 0 });
  down.keys = down.keys.filter((k) => k.region !== "eu-west-1");
  down.findings = down.findings.filter((f) => f.region !== "eu-west-1");
  Object.assign(down.summary, {
    status: "incomplete",
    regions: { ...down.summary.regions, ok: 2, error: 1 },
  });
  // A description AWS may hold but PostgreSQL's jsonb cannot: the store replaces and says so.
  const key = down.keys[0];
  if (!key) throw new Error("fixture has keys");
  key.metadata.Description = "lone \ud800 surrogate";
  await store.saveSnapshot(down);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("an incomplete snapshot through the API and the exports", () => {
  it("GET /api/snapshots/:id gives its status, failed regions and storage notes", async () => {
    const response = await getSnapshot(new Request(`${BASE}/api/snapshots/${DOWN}`), withId(DOWN));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      snapshot: {
        status: string;
        failedRegions: unknown[];
        regionCount: number;
        storageNotes?: string[];
      };
      changes: { unverified: Finding[]; resolved: Finding[] };
    };
    expect(body.snapshot.status).toBe("incomplete");
    expect(body.snapshot.failedRegions).toEqual([
      { account: FIXTURE_ACCOUNT, region: "eu-west-1", error: DOWN_ERROR },
    ]);
    expect(body.snapshot.regionCount).toBe(4);
    expect(body.snapshot.storageNotes).toEqual([
      expect.stringMatching(/metadata\.Description: 1 lone surrogate replaced with U\+FFFD$/),
    ]);
    expect(ids(body.changes.unverified)).toEqual(ids(inEuWest));
    expect(body.changes.resolved).toEqual([]);
  });

  it("GET /api/snapshots/compare lists what the newer snapshot could not check as unverified", async () => {
    const response = await getCompare(
      new Request(`${BASE}/api/snapshots/compare?from=${FULL}&to=${DOWN}`),
      noParams,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      to: { status: string };
      comparison: { unverified: Finding[]; resolved: Finding[]; counts: { unverified: number } };
    };
    expect(body.to.status).toBe("incomplete");
    expect(inEuWest.length).toBeGreaterThan(0);
    expect(ids(body.comparison.unverified)).toEqual(ids(inEuWest));
    expect(body.comparison.counts.unverified).toBe(inEuWest.length);
    expect(body.comparison.resolved).toEqual([]);
  });

  it("the HTML report shows the status, the unverified findings and the storage notes", async () => {
    const response = await getExport(
      new Request(`${BASE}/api/snapshots/${DOWN}/export?format=html`),
      withId(DOWN),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(
      /<strong>Status: incomplete<\/strong> — 1 of 4 regions could\s+not be read/,
    );
    expect(page).toContain(`<li>${FIXTURE_ACCOUNT}/eu-west-1: ${DOWN_ERROR}</li>`);
    expect(page).toContain(`<h3>Not checked in the newer snapshot (${inEuWest.length})</h3>`);
    for (const finding of inEuWest) expect(page).toContain(finding.title);
    expect(page).toContain("<h2>Stored with changes</h2>");
    expect(page).toMatch(/metadata\.Description: 1 lone surrogate replaced with U\+FFFD<\/li>/);
  });

  it("a complete snapshot's report says so", async () => {
    const response = await getExport(
      new Request(`${BASE}/api/snapshots/${FULL}/export?format=html`),
      withId(FULL),
    );
    const page = await response.text();
    expect(page).toContain("Status: complete — every region in the scan was read.");
    expect(page).not.toContain("Stored with changes");
  });
});
