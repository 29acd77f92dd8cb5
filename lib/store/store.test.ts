import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { makeFinding, makeSnapshot, FIXTURE_ACCOUNT } from "./test-fixtures";
import { testBackends } from "./test-store";
import type { SnapshotStore } from "./store-types";

const FAMILY = `${FIXTURE_ACCOUNT}:mrk-1234abcd`;

describe.each(testBackends())("snapshot store on $name", (backend) => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  let first: Snapshot;
  let second: Snapshot;
  let third: Snapshot;

  beforeAll(async () => {
    ({ store, dispose } = await backend.open());
    first = makeSnapshot({ id: "snap-1", startedAt: "2026-11-20T08:00:00.000Z" });
    const [fixed, ...rest] = first.findings;
    if (!fixed) throw new Error("fixture has findings");
    const introduced = makeFinding({
      property: "grants",
      severity: "high",
      region: "eu-west-1",
      what: "new-grant",
    });
    second = makeSnapshot({
      id: "snap-2",
      startedAt: "2026-11-21T08:00:00.000Z",
      findings: [...rest, introduced],
    });
    third = makeSnapshot({
      id: "snap-3",
      startedAt: "2026-11-22T08:00:00.000Z",
      findings: second.findings.map((f) =>
        f.property === "tags" ? { ...f, severity: "medium" as const } : f,
      ),
    });
  });
  afterAll(async () => {
    await dispose();
  });

  it("starts empty", async () => {
    expect(await store.listSnapshots()).toEqual([]);
    expect(await store.getSnapshot("latest")).toBeNull();
  });

  it("saves snapshots and records what changed since the previous one", async () => {
    const a = await store.saveSnapshot(first);
    expect(a.id).toBe("snap-1");
    expect(a.changes.counts.new).toBe(first.findings.length);
    expect(a.changes.fromSnapshotId).toBeNull();

    const b = await store.saveSnapshot(second);
    expect(b.changes.fromSnapshotId).toBe("snap-1");
    expect(b.changes.counts).toMatchObject({ new: 1, resolved: 1, changed: 0 });
    expect(b.changes.new[0]?.property).toBe("grants");
    expect(b.changes.resolved[0]?.id).toBe(first.findings[0]?.id);

    const c = await store.saveSnapshot(third);
    expect(c.changes.counts).toMatchObject({ new: 0, resolved: 0, changed: 1 });
    expect(c.changes.changed[0]?.fields).toEqual(["severity"]);
    expect(await store.getChanges("snap-2")).toEqual(b.changes);
  });

  it("refuses to store the same snapshot id twice", async () => {
    await expect(store.saveSnapshot(first)).rejects.toMatchObject({
      name: "StoreError",
      code: "conflict",
    });
  });

  it("round-trips the full snapshot JSON", async () => {
    expect(await store.getSnapshot("snap-2")).toEqual(second);
    expect((await store.getSnapshot("latest"))?.id).toBe("snap-3");
    expect(await store.getSnapshot("nope")).toBeNull();
  });

  it("lists newest first with keyset pagination", async () => {
    const all = await store.listSnapshots();
    expect(all.map((s) => s.id)).toEqual(["snap-3", "snap-2", "snap-1"]);
    expect(all[0]).toMatchObject({
      startedAt: third.startedAt,
      finishedAt: third.finishedAt,
      source: third.source,
      summary: third.summary,
    });
    expect(all[1]?.changes).toMatchObject({ new: 1, resolved: 1 });
    const page = await store.listSnapshots({ limit: 1, before: "snap-3" });
    expect(page.map((s) => s.id)).toEqual(["snap-2"]);
  });

  it("finds the previous snapshot by time", async () => {
    expect((await store.previousSnapshot("snap-3"))?.id).toBe("snap-2");
    expect(await store.previousSnapshot("snap-1")).toBeNull();
    expect(await store.previousSnapshot("missing")).toBeNull();
  });

  it("compares any two stored snapshots by finding id", async () => {
    const result = await store.compareSnapshots("snap-1", "snap-3");
    expect(result.counts).toEqual({
      new: 1,
      resolved: 1,
      changed: 1,
      unchanged: first.findings.length - 2,
      unverified: 0,
    });
    await expect(store.compareSnapshots("snap-1", "missing")).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("queries findings by family, property, severity, region and id", async () => {
    expect(await store.findings({ snapshotId: "snap-1" })).toEqual(first.findings);
    const critical = await store.findings({ snapshotId: "latest", severity: "critical" });
    expect(critical.map((f) => f.property)).toEqual(["state"]);
    const alias = await store.findings({
      snapshotId: "snap-1",
      familyId: `${FIXTURE_ACCOUNT}:alias/orders`,
    });
    expect(alias.map((f) => f.property)).toEqual(["aliases"]);
    const euPolicy = await store.findings({
      snapshotId: "snap-1",
      property: "policy",
      region: "eu-west-1",
    });
    expect(euPolicy).toHaveLength(1);
    const target = first.findings[2];
    expect(
      (await store.findings({ snapshotId: "snap-1", id: target?.id })).map((f) => f.id),
    ).toEqual([target?.id]);
    expect(await store.findings({ snapshotId: "missing" })).toEqual([]);
  });

  it("tells a family's history oldest first", async () => {
    const history = await store.familyHistory(FAMILY);
    expect(history.map((h) => h.snapshotId)).toEqual(["snap-1", "snap-2", "snap-3"]);
    expect(history.every((h) => h.findings.every((f) => f.familyId === FAMILY))).toBe(true);
    expect(history[0]?.findings.some((f) => f.property === "policy")).toBe(true);
    expect(history[1]?.findings.some((f) => f.property === "policy")).toBe(false);
    expect(await store.familyHistory(`${FIXTURE_ACCOUNT}:alias/unknown`)).toEqual([]);
  });

  it("counts open findings per severity over time", async () => {
    const trend = await store.severityTrend(2);
    expect(trend.map((t) => t.snapshotId)).toEqual(["snap-2", "snap-3"]);
    expect(trend[0]?.counts).toEqual({ critical: 1, high: 1, medium: 1, low: 1, info: 0 });
    expect(trend[1]?.counts).toEqual({ critical: 1, high: 1, medium: 2, low: 0, info: 0 });
    expect(trend[1]?.waived).toBe(1);
  });

  it("stores strings holding U+0000, which jsonb refuses, as U+FFFD", async () => {
    const odd = makeSnapshot({
      id: "snap-nul",
      startedAt: "2026-11-23T08:00:00.000Z",
      findings: [makeFinding({ title: "a\u0000b", what: "nul" })],
    });
    const { changes, storageNotes } = await store.saveSnapshot(odd);
    expect(changes.new.map((f) => f.title)).toEqual(["a\uFFFDb"]);
    const note = `finding ${odd.findings[0]?.id}, title: 1 NUL character replaced with U+FFFD`;
    expect(storageNotes).toEqual([note]);
    const stored = await store.getSnapshot("snap-nul");
    expect(stored?.findings[0]?.title).toBe("a\uFFFDb");
    expect(stored?.storageNotes).toEqual([note]);
    const again = makeSnapshot({
      id: "snap-nul-2",
      startedAt: "2026-11-23T09:00:00.000Z",
      findings: odd.findings,
    });
    expect((await store.saveSnapshot(again)).changes.counts).toMatchObject({
      new: 0,
      changed: 0,
      unchanged: 1,
    });
  });

  it("records scan runs newest first", async () => {
    await store.recordRun({
      startedAt: "2026-11-22T08:00:00Z",
      finishedAt: "2026-11-22T08:01:00Z",
      trigger: "schedule",
      status: "ok",
      snapshotId: "snap-3",
    });
    await store.recordRun({
      startedAt: "2026-11-22T09:00:00Z",
      trigger: "schedule",
      status: "skipped",
      reason: "previous scan still running",
    });
    const runs = await store.listRuns(10);
    expect(runs.map((r) => r.status)).toEqual(["skipped", "ok"]);
    expect(runs[0]).toMatchObject({
      reason: "previous scan still running",
      finishedAt: null,
      snapshotId: null,
      trigger: "schedule",
    });
    expect(runs[1]?.snapshotId).toBe("snap-3");
  });
});
