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
