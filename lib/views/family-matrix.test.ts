import { describe, expect, it } from "vitest";
import { FIXTURE_ACCOUNT, makeFinding, makeSnapshot } from "../store/test-fixtures";
import { buildFamilyMatrix } from "./family-matrix";

describe("buildFamilyMatrix", () => {
  it("gives each region the family's state there, worst severity first", () => {
    const matrix = buildFamilyMatrix(makeSnapshot());
    expect(matrix.regions).toEqual(["ap-southeast-2", "eu-west-1", "us-east-1"]);
    const mrk = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:mrk-1234abcd`);
    // ap-southeast-2: critical state + waived residency; eu-west-1: high policy + low tags; us-east-1: the primary, in sync.
    expect(mrk?.cells).toEqual(["critical", "high", "in-sync"]);
    expect(mrk?.worst).toBe("critical");
    expect(mrk?.severities).toEqual(["critical", "high", "low"]);
    expect(mrk?.waived).toBe(1);
    expect(mrk?.tags).toEqual(["team=payments"]);
  });

  it("marks a missing expected replica, waived-only regions and absent ones", () => {
    const findings = [
      makeFinding({
        property: "replicaSet",
        severity: "medium",
        region: "ap-northeast-1",
        what: "missing",
      }),
      makeFinding({
        property: "tags",
        severity: "low",
        region: "eu-west-1",
        what: "tag",
        waived: true,
      }),
    ];
    const matrix = buildFamilyMatrix(makeSnapshot({ findings }));
    const mrk = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:mrk-1234abcd`);
    expect(matrix.regions).toEqual(["ap-northeast-1", "ap-southeast-2", "eu-west-1", "us-east-1"]);
    expect(mrk?.cells).toEqual(["missing", "in-sync", "waived", "in-sync"]);
    const alias = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:alias/orders`);
    expect(alias?.cells).toEqual(["absent", "absent", "absent", "absent"]);
  });
});

describe("a family's search text", () => {
  it("holds its id, name, aliases and key ids, lower-cased, each once however many replicas share them", () => {
    const snapshot = makeSnapshot();
    const mrk = snapshot.families.find((f) => f.kind === "multi-region");
    if (!mrk) throw new Error("fixture has a multi-Region family");
    const keyId = "mrk-1234abcd";
    // Three replicas, one key id and one alias ("alias/payments") between them; the name is the key id.
    expect(mrk.members.map((m) => m.keyId)).toEqual([keyId, keyId, keyId]);
    for (const key of snapshot.keys.filter((k) => k.keyId === keyId))
      key.aliases = ["alias/Payments"];
    const row = buildFamilyMatrix(snapshot).rows.find((r) => r.id === mrk.id);
    expect(row?.search.split(" ").sort()).toEqual(
      [`${FIXTURE_ACCOUNT}:${keyId}`, "alias/payments", keyId].sort(),
    );
  });
});

describe("buildFamilyMatrix with a region that was not read", () => {
  /** us-east-1 (the multi-Region primary) failed: its key is dropped and the family is not compared. */
  function primaryDown() {
    const snapshot = makeSnapshot({ findings: [] });
    const down = snapshot.regions.find((r) => r.region === "us-east-1");
    if (!down) throw new Error("fixture has us-east-1");
    Object.assign(down, { status: "error", error: "connect ECONNREFUSED 127.0.0.1:4566" });
    snapshot.keys = snapshot.keys.filter((k) => k.region !== "us-east-1");
    const mrk = snapshot.families.find((f) => f.kind === "multi-region");
    if (!mrk) throw new Error("fixture has a multi-Region family");
    Object.assign(mrk, {
      referenceRegion: null,
      members: mrk.members.filter((m) => m.region !== "us-east-1"),
      flags: [
        "members-not-scanned",
        "not-scanned:us-east-1",
        "primary-not-scanned",
        "reference-not-read:us-east-1",
      ],
    });
    snapshot.findings = [
      makeFinding({
        property: "readability",
        severity: "medium",
        region: "us-east-1",
        what: "reference-not-read:us-east-1",
        title: "could not compare: reference region us-east-1 was not read (error: …)",
      }),
    ];
    return snapshot;
  }

  it("marks the unread region 'not read' and the uncompared members 'unknown', never 'in sync'", () => {
    const matrix = buildFamilyMatrix(primaryDown());
    expect(matrix.regions).toEqual(["ap-southeast-2", "eu-west-1", "us-east-1"]);
    const mrk = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:mrk-1234abcd`);
    expect(mrk?.cells).toEqual(["unknown", "unknown", "not-read"]);
  });

  it("gives an alias family 'not read' in every failed region of its account, which may hold it", () => {
    const matrix = buildFamilyMatrix(primaryDown());
    const alias = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:alias/orders`);
    expect(alias?.cells).toEqual(["absent", "absent", "not-read"]);
  });

  it("shows a failed region's column even when no family or finding is there", () => {
    const snapshot = makeSnapshot();
    snapshot.regions.push({
      account: FIXTURE_ACCOUNT,
      region: "sa-east-1",
      status: "error",
      error: "deadline exceeded",
      keyCount: 0,
      apiCalls: 3,
      throttledCalls: 0,
      durationMs: 10,
    });
    const matrix = buildFamilyMatrix(snapshot);
    expect(matrix.regions).toContain("sa-east-1");
    const alias = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:alias/orders`);
    expect(alias?.cells[matrix.regions.indexOf("sa-east-1")]).toBe("not-read");
    const mrk = matrix.rows.find((r) => r.id === `${FIXTURE_ACCOUNT}:mrk-1234abcd`);
    // The primary was read and lists no replica there: absent is known.
    expect(mrk?.cells[matrix.regions.indexOf("sa-east-1")]).toBe("absent");
  });
});
