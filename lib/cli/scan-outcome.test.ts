import { describe, expect, it } from "vitest";
import type { RegionStatus } from "../domain/snapshot";
import { makeFinding } from "../store/test-fixtures";
import { decideScanOutcome, EXIT_INCOMPLETE } from "./scan-outcome";

const region = (name: string, status: RegionStatus) => ({
  account: "111122223333",
  region: name,
  status,
  ...(status === "error" ? { error: `connect ECONNREFUSED (${name})` } : {}),
  ...(status === "not-enabled" ? { error: "region not enabled for this account" } : {}),
});
const high = [makeFinding({ severity: "high", what: "wider" })];
const low = [makeFinding({ severity: "low", what: "tags" })];

describe("decideScanOutcome", () => {
  // Every combination of region outcomes that reads something, with findings below and at --fail-on.
  it.each([
    ["every region ok", ["ok", "ok"], low, 0],
    ["ok and partial", ["ok", "partial"], low, 0],
    ["ok and not enabled (not a failure)", ["ok", "not-enabled"], low, 0],
    ["ok and failed", ["ok", "error"], low, EXIT_INCOMPLETE],
    ["partial and failed", ["partial", "error"], low, EXIT_INCOMPLETE],
    ["ok, failed and not enabled", ["ok", "error", "not-enabled"], low, EXIT_INCOMPLETE],
    ["every region ok, findings at --fail-on", ["ok", "ok"], high, 1],
    ["ok and failed, findings at --fail-on", ["ok", "error"], high, 1],
    ["ok and not enabled, findings at --fail-on", ["ok", "not-enabled"], high, 1],
  ] as const)("%s → exit %i", (_name, statuses, findings, exitCode) => {
    const outcome = decideScanOutcome(
      { regions: statuses.map((s, i) => region(`r-${i}`, s)), findings: [...findings] },
      "high",
    );
    expect(outcome).toMatchObject({ kind: "report", exitCode });
  });

  it("names the failed regions in a warning, and gives none for a complete scan", () => {
    const incomplete = decideScanOutcome(
      {
        regions: [
          region("us-east-1", "ok"),
          region("eu-west-1", "error"),
          region("me-south-1", "not-enabled"),
        ],
        findings: [],
      },
      "high",
    );
    expect(incomplete).toEqual({
      kind: "report",
      exitCode: EXIT_INCOMPLETE,
      warning:
        "incomplete scan: 1 of 3 regions failed and are unknown (111122223333/eu-west-1: connect ECONNREFUSED (eu-west-1))",
    });
    const complete = decideScanOutcome(
      { regions: [region("us-east-1", "ok")], findings: [] },
      "high",
    );
    expect(complete).toEqual({ kind: "report", exitCode: 0 });
  });

  it("lists at most three failed regions", () => {
    const regions = ["a", "b", "c", "d", "e"].map((r) => region(r, "error"));
    const outcome = decideScanOutcome(
      { regions: [region("ok-1", "ok"), ...regions], findings: [] },
      "high",
    );
    expect(outcome.kind === "report" && outcome.warning).toMatch(
      /^incomplete scan: 5 of 6 regions failed .*\/a: .*\/b: .*\/c: [^/]*; …\)$/,
    );
  });

  it("--fail-on none never exits 1, so a failed region still exits 3", () => {
    const outcome = decideScanOutcome(
      { regions: [region("ok-1", "ok"), region("down", "error")], findings: high },
      "none",
    );
    expect(outcome).toMatchObject({ exitCode: EXIT_INCOMPLETE });
  });

  it.each([
    ["every region failed", ["error", "error"], "connect ECONNREFUSED (r-0)"],
    ["failed and not enabled", ["not-enabled", "error"], "connect ECONNREFUSED (r-1)"],
    ["only regions that are not enabled", ["not-enabled"], "region not enabled for this account"],
  ] as const)("%s → nothing read (exit 2), whatever the findings", (_name, statuses, reason) => {
    const outcome = decideScanOutcome(
      { regions: statuses.map((s, i) => region(`r-${i}`, s)), findings: high },
      "high",
    );
    expect(outcome).toEqual({ kind: "nothing-read", reason });
  });

  it("no region at all → nothing read", () => {
    expect(decideScanOutcome({ regions: [], findings: [] }, "high")).toEqual({
      kind: "nothing-read",
      reason: "no region was scanned",
    });
  });
});
