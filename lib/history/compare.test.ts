import { describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings } from "./compare";
import { readCoverageOf } from "./read-coverage";
import { defaultFindings, makeFinding, makeSnapshot } from "../store/test-fixtures";

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
      unverified: 0,
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

describe("compareFindings against a snapshot that did not read everything", () => {
  // Previous: a policy finding in eu-west-1 and a state finding in ap-southeast-2 (reference us-east-1).
  const policy = makeFinding({ property: "policy", region: "eu-west-1", what: "wider" });
  const state = makeFinding({ property: "state", region: "ap-southeast-2", what: "disabled" });
  const previous = [policy, state];

  /** The newer snapshot: no findings left, with `change` applied to what it read. */
  function newer(change: (s: Snapshot) => void): Snapshot {
    const snapshot = makeSnapshot({ findings: [] });
    change(snapshot);
    return snapshot;
  }
  const compare = (current: Snapshot) =>
    compareFindings(previous, current.findings, {
      from: "a",
      to: "b",
      coverage: readCoverageOf(current),
    });
  const failRegion = (region: string) => (s: Snapshot) => {
    for (const r of s.regions) if (r.region === region) r.status = "error";
  };

  it("resolves findings whose regions, reference and properties were all read", () => {
    const result = compare(newer(() => undefined));
    expect(result.resolved.map((f) => f.id)).toEqual([policy.id, state.id]);
    expect(result.unverified).toEqual([]);
  });

  it("makes a finding in a failed region unverified, not resolved", () => {
    const result = compare(newer(failRegion("eu-west-1")));
    expect(result.unverified.map((f) => f.id)).toEqual([policy.id]);
    expect(result.resolved.map((f) => f.id)).toEqual([state.id]);
    expect(result.counts).toMatchObject({ resolved: 1, unverified: 1 });
  });

  it("makes every finding unverified when their reference region failed", () => {
    const result = compare(newer(failRegion("us-east-1")));
    expect(result.unverified.map((f) => f.id)).toEqual([policy.id, state.id]);
    expect(result.resolved).toEqual([]);
  });

  it("makes findings in a region the newer scan did not include unverified", () => {
    const result = compare(
      newer((s) => {
        s.regions = s.regions.filter((r) => r.region !== "ap-southeast-2");
      }),
    );
    expect(result.unverified.map((f) => f.id)).toEqual([state.id]);
  });

  it("makes a family's findings unverified when it had no reference to compare against", () => {
    const result = compare(
      newer((s) => {
        const family = s.families.find((f) => f.id === policy.familyId);
        if (!family) throw new Error("fixture family");
        family.referenceRegion = null;
        family.flags = ["reference-not-read:us-east-1"];
      }),
    );
    expect(result.unverified.map((f) => f.id)).toEqual([policy.id, state.id]);
  });

  it("makes a finding unverified when its key property, or the reference key's, could not be read", () => {
    const unreadable = (region: string, property: "policy" | "metadata") => (s: Snapshot) => {
      const key = s.keys.find((k) => k.region === region && k.keyId === policy.keyId);
      if (!key) throw new Error("fixture key");
      key.errors.push({ property, code: "AccessDeniedException", message: "denied" });
    };
    const own = compare(newer(unreadable("eu-west-1", "policy")));
    expect(own.unverified.map((f) => f.id)).toEqual([policy.id]);
    expect(own.resolved.map((f) => f.id)).toEqual([state.id]);
    const reference = compare(newer(unreadable("us-east-1", "policy")));
    expect(reference.unverified.map((f) => f.id)).toEqual([policy.id]);
    const described = compare(newer(unreadable("ap-southeast-2", "metadata")));
    expect(described.unverified.map((f) => f.id)).toEqual([state.id]);
  });

  it("resolves a usage finding only when the newer snapshot read that key's last use", () => {
    const dormant = makeFinding({ property: "usage", region: "eu-west-1", what: "dormant" });
    const compareUsage = (change: (s: Snapshot) => void) => {
      const current = newer(change);
      return compareFindings([dormant], current.findings, {
        from: "a",
        to: "b",
        coverage: readCoverageOf(current),
      });
    };
    const lastUse = (used: boolean) => (s: Snapshot) => {
      for (const k of s.keys)
        k.lastUse = {
          trackingStartDate: "2026-01-01T00:00:00.000Z",
          lastUsed: used ? { operation: "Decrypt", at: "2026-11-20T00:00:00.000Z" } : null,
        };
    };
    expect(compareUsage(lastUse(true)).resolved.map((f) => f.id)).toEqual([dormant.id]);
    // Not read (config lastUse.read off, or a snapshot from before): unverified.
    expect(compareUsage(() => undefined).unverified.map((f) => f.id)).toEqual([dormant.id]);
    const denied = compareUsage((s) => {
      lastUse(true)(s);
      const key = s.keys.find((k) => k.region === "eu-west-1");
      if (!key) throw new Error("fixture key");
      key.lastUse = null;
      key.errors.push({ property: "lastUse", code: "AccessDeniedException", message: "denied" });
    });
    expect(denied.unverified.map((f) => f.id)).toEqual([dormant.id]);
  });

  it("resolves a readability finding once its region was read again", () => {
    const unread = makeFinding({
      property: "readability",
      region: "eu-west-1",
      what: "policy:Denied",
    });
    const result = compareFindings([unread], [], {
      from: "a",
      to: "b",
      coverage: readCoverageOf(makeSnapshot({ findings: [] })),
    });
    expect(result.resolved.map((f) => f.id)).toEqual([unread.id]);
  });
});
