import { describe, expect, it } from "vitest";
import { detectFindings } from "../drift/detect-findings";
import { emptyDriftRules } from "../drift/rules-schema";
import { makeMrkFamily } from "../drift/test-fixtures";
import { makeSnapshot } from "../store/test-fixtures";
import { createBundle } from "./bundle";

/** A two-region family whose replica description differs, waived until the end of 2026-11-30. */
function scanAt(now: Date) {
  const { family, keys } = makeMrkFamily(["us-east-1", "eu-west-1"]);
  const replica = keys.find((k) => k.region === "eu-west-1");
  if (!replica) throw new Error("fixture has a replica");
  replica.metadata.Description = "old description";
  const rules = emptyDriftRules();
  rules.waivers = [
    {
      match: { property: "description" },
      reason: "rename pending",
      owner: "team-a",
      expires: "2026-11-30",
    },
  ];
  return detectFindings({ keys, families: [family], rules, now });
}

describe("a waiver expiring today (UTC)", () => {
  it("is in force for the drift stage and in the evidence bundle alike, until the end of the day", () => {
    const scannedAt = new Date("2026-11-30T09:00:00.000Z");
    const exportedAt = new Date("2026-11-30T21:00:00.000Z");
    const findings = scanAt(scannedAt);
    const description = findings.find((f) => f.property === "description");
    expect(description?.waived).toBe(true);

    const snapshot = {
      ...makeSnapshot({ id: "waived", startedAt: scannedAt.toISOString() }),
      findings,
    };
    const bundle = createBundle({ snapshot, comparison: null, createdAt: exportedAt });
    expect(bundle.parts.waivers.map((w) => [w.expires, w.findingIds])).toEqual([
      ["2026-11-30", [description?.id]],
    ]);
  });

  it("has lapsed for both the next day", () => {
    const nextDay = new Date("2026-12-01T00:00:00.000Z");
    expect(scanAt(nextDay).find((f) => f.property === "description")?.waived).toBe(false);
    // A snapshot taken while it applied, exported the next day: the bundle no longer lists it.
    const earlier = scanAt(new Date("2026-11-30T09:00:00.000Z"));
    const snapshot = { ...makeSnapshot({ id: "waived" }), findings: earlier };
    expect(createBundle({ snapshot, comparison: null, createdAt: nextDay }).parts.waivers).toEqual(
      [],
    );
  });
});
