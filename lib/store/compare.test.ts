import { describe, expect, it } from "vitest";
import { compareFindings } from "./compare";
import { defaultFindings, makeFinding } from "./test-fixtures";

describe("compareFindings", () => {
  it("reports exactly one new and one resolved when one drift is fixed and another introduced", () => {
    const previous = defaultFindings();
    const fixed = previous[0];
    if (!fixed) throw new Error("fixture has findings");
    const introduced = makeFinding({
      property: "grants",
      severity: "high",
      region: "eu-west-1",
      what: "new-grant",
    });
    const current = [...previous.filter((f) => f.id !== fixed.id), introduced];

    const result = compareFindings(previous, current, { from: "a", to: "b" });

    expect(result.new.map((f) => f.id)).toEqual([introduced.id]);
    expect(result.resolved.map((f) => f.id)).toEqual([fixed.id]);
    expect(result.changed).toEqual([]);
    expect(result.unchanged).toHaveLength(previous.length - 1);
    expect(result.counts).toEqual({
      new: 1,
      resolved: 1,
      changed: 0,
      unchanged: previous.length - 1,
    });
    expect([result.fromSnapshotId, result.toSnapshotId]).toEqual(["a", "b"]);
  });

  it("reports severity, title, actual and waived changes under the same id", () => {
    const before = makeFinding({ what: "x", severity: "low", actual: { a: 1, b: 2 } });
    const after = { ...before, severity: "high" as const, waived: true, actual: { b: 2, a: 3 } };
    const result = compareFindings([before], [after]);
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0]?.fields).toEqual(["severity", "actual", "waived"]);
    expect(result.new).toEqual([]);
    expect(result.resolved).toEqual([]);
  });

  it("treats key order inside actual as no change", () => {
    const before = makeFinding({ what: "y", actual: { a: 1, b: [1, 2] } });
    const after = { ...before, actual: { b: [1, 2], a: 1 } };
    expect(compareFindings([before], [after]).unchanged).toEqual([before.id]);
  });

  it("treats everything as new against an empty history", () => {
    const current = defaultFindings();
    const result = compareFindings([], current);
    expect(result.counts.new).toBe(current.length);
    expect(result.fromSnapshotId).toBeNull();
  });
});
