import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ACCOUNT, makeFinding, makeSnapshot } from "@/lib/store/test-fixtures";
import { getStore } from "@/lib/server/store";
import { GET as getFamilies } from "./families/route";
import { GET as getFamily } from "./families/[id]/route";
import { GET as getFindings } from "./findings/route";
import { GET as getOverview } from "./overview/route";
import { GET as getResidency } from "./residency/route";
import { GET as getSnapshots } from "./snapshots/route";
import { GET as getSnapshot } from "./snapshots/[id]/route";
import { GET as getCompare } from "./snapshots/compare/route";
import { GET as getExport } from "./snapshots/[id]/export/route";

const BASE = "http://127.0.0.1";
const noParams = { params: Promise.resolve({}) };
const FIRST = "snap-first";
const SECOND = "snap-second";
let dataDir = "";

function get(url: string): Request {
  return new Request(`${BASE}${url}`);
}

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-api-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const store = await getStore();
  await store.saveSnapshot(makeSnapshot({ id: FIRST, startedAt: "2026-11-23T08:00:00.000Z" }));
  const second = makeSnapshot({ id: SECOND, startedAt: "2026-11-24T08:00:00.000Z" });
  second.findings = [
    ...second.findings.filter((f) => f.property !== "tags"),
    makeFinding({ property: "grants", severity: "medium", what: "extra-grant" }),
  ];
  await store.saveSnapshot(second);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("snapshots routes", () => {
  it("lists snapshots newest first", async () => {
    const response = await getSnapshots(get("/api/snapshots"), noParams);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { snapshots: { id: string }[] };
    expect(body.snapshots.map((s) => s.id)).toEqual([SECOND, FIRST]);
  });

  it("rejects a bad limit naming the parameter", async () => {
    const response = await getSnapshots(get("/api/snapshots?limit=0"), noParams);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toContain('"limit"');
  });

  it("returns the latest snapshot with what changed", async () => {
    const response = await getSnapshot(get("/api/snapshots/latest"), {
      params: Promise.resolve({ id: "latest" }),
    });
    const body = (await response.json()) as {
      snapshot: { id: string };
      changes: { counts: { new: number; resolved: number } };
    };
    expect(body.snapshot.id).toBe(SECOND);
    expect(body.changes.counts).toMatchObject({ new: 1, resolved: 1 });
  });

  it("answers 404 for an unknown snapshot", async () => {
    const response = await getSnapshot(get("/api/snapshots/nope"), {
      params: Promise.resolve({ id: "nope" }),
    });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({
      code: "not_found",
      message: "snapshot nope not found",
    });
  });

  it("compares two snapshots and requires both ids", async () => {
    const ok = await getCompare(get(`/api/snapshots/compare?from=${FIRST}&to=${SECOND}`), noParams);
    const body = (await ok.json()) as {
      comparison: { new: { property: string }[]; resolved: { property: string }[] };
    };
    expect(body.comparison.new.map((f) => f.property)).toEqual(["grants"]);
    expect(body.comparison.resolved.map((f) => f.property)).toEqual(["tags"]);
    const missing = await getCompare(get(`/api/snapshots/compare?from=${FIRST}`), noParams);
    expect(missing.status).toBe(400);
    expect((await errorOf(missing)).message).toContain('"to"');
  });
});

describe("export route", () => {
  it("streams the CSV with a safe filename and no caching", async () => {
    const response = await getExport(get(`/api/snapshots/${SECOND}/export?format=csv`), {
      params: Promise.resolve({ id: SECOND }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="kms-drift-${SECOND}.findings.csv"`,
    );
    expect((await response.text()).split("\n")[0]).toMatch(/^snapshot_id,finding_id,severity/);
  });

  it("rejects an unknown format and answers 404 for an unknown snapshot", async () => {
    const bad = await getExport(get(`/api/snapshots/${SECOND}/export?format=pdf`), {
      params: Promise.resolve({ id: SECOND }),
    });
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toContain('"format"');
    const missing = await getExport(get("/api/snapshots/gone/export?format=html"), {
      params: Promise.resolve({ id: "gone" }),
    });
    expect(missing.status).toBe(404);
  });
});

describe("families routes", () => {
  it("filters the matrix with the URL's filters", async () => {
    const all = (await (await getFamilies(get("/api/families"), noParams)).json()) as {
      rows: { id: string }[];
      regions: string[];
      total: number;
    };
    expect(all.total).toBe(2);
    expect(all.regions).toEqual(["ap-southeast-2", "eu-west-1", "us-east-1"]);
    const critical = (await (
      await getFamilies(get("/api/families?severity=critical"), noParams)
    ).json()) as { rows: { id: string }[] };
    expect(critical.rows.map((r) => r.id)).toEqual([`${FIXTURE_ACCOUNT}:mrk-1234abcd`]);
  });

  it("names a bad filter parameter", async () => {
    const response = await getFamilies(get("/api/families?severity=urgent"), noParams);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^invalid parameter "severity/);
  });

  it("returns one family's report by its URL-encoded id", async () => {
    const id = `${FIXTURE_ACCOUNT}:mrk-1234abcd`;
    const response = await getFamily(get(`/api/families/${encodeURIComponent(id)}`), {
      params: Promise.resolve({ id: encodeURIComponent(id) }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      family: { id: string };
      members: { region: string; isReference: boolean }[];
      findings: unknown[];
    };
    expect(body.family.id).toBe(id);
    expect(body.members[0]).toMatchObject({ region: "us-east-1", isReference: true });
    expect(body.findings.length).toBeGreaterThan(0);
  });

  it("answers 404 for an unknown family and 400 for a malformed id", async () => {
    const unknown = await getFamily(get("/x"), {
      params: Promise.resolve({ id: `${FIXTURE_ACCOUNT}:alias/none` }),
    });
    expect(unknown.status).toBe(404);
    const malformed = await getFamily(get("/x"), {
      params: Promise.resolve({ id: "not-a-family" }),
    });
    expect(malformed.status).toBe(400);
  });
});

describe("findings, residency and overview routes", () => {
  it("filters findings", async () => {
    const body = (await (
      await getFindings(get("/api/findings?property=residency"), noParams)
    ).json()) as { snapshotId: string; findings: { property: string; waived: boolean }[] };
    expect(body.snapshotId).toBe(SECOND);
    expect(body.findings).toEqual([
      expect.objectContaining({ property: "residency", waived: true }),
    ]);
    const bad = await getFindings(get("/api/findings?severity=urgent"), noParams);
    expect(bad.status).toBe(400);
  });

  it("reports residency violations with their evidence", async () => {
    const body = (await (await getResidency(get("/api/residency"), noParams)).json()) as {
      violations: { region: string; evidence: { actor: string }[] }[];
    };
    expect(body.violations).toHaveLength(1);
    expect(body.violations[0]?.region).toBe("ap-southeast-2");
    expect(body.violations[0]?.evidence[0]?.actor).toBe("arn:aws:iam::111122223333:user/alice");
  });

  it("summarises the latest snapshot and the trend", async () => {
    const body = (await (await getOverview(get("/api/overview"), noParams)).json()) as {
      snapshot: { id: string };
      counts: { openBySeverity: Record<string, number>; driftedFamilies: number };
      driftedFamilies: unknown[];
      trend: unknown[];
      scan: { running: boolean };
    };
    expect(body.snapshot.id).toBe(SECOND);
    expect(body.driftedFamilies).toHaveLength(body.counts.driftedFamilies);
    expect(body.counts.openBySeverity).toMatchObject({ critical: 1, high: 1, medium: 2 });
    expect(body.trend).toHaveLength(2);
    expect(body.scan.running).toBe(false);
  });
});
