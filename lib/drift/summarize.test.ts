import { describe, expect, it } from "vitest";
import type { Finding, FindingBase, FindingProperty, Severity } from "../domain/finding";
import { withSampleDetail } from "../store/test-fixtures";
import { summarizeFindings } from "./summarize";

const f = (
  familyId: string,
  severity: Severity,
  over: Partial<FindingBase> = {},
  property: FindingProperty = "tags",
): Finding =>
  withSampleDetail(property, {
    id: Math.random().toString(),
    familyId,
    keyId: "k",
    account: "1",
    region: "eu-west-1",
    referenceRegion: "us-east-1",
    severity,
    title: "t",
    expected: null,
    actual: null,
    attribution: [],
    remediation: [],
    waived: false,
    ...over,
  });

describe("summarizeFindings", () => {
  it("counts by severity, waived, and drifted families", () => {
    const s = summarizeFindings([
      f("a", "high"),
      f("a", "low"),
      f("b", "medium", { waived: true }),
      f("c", "info"),
      f("d", "medium", {}, "readability"),
      f("e", "critical"),
    ]);
    expect(s.findings).toBe(6);
    expect(s.findingsBySeverity).toEqual({ critical: 1, high: 1, medium: 2, low: 1, info: 1 });
    expect(s.openBySeverity).toEqual({ critical: 1, high: 1, medium: 1, low: 1, info: 1 });
    expect(s.waivedFindings).toBe(1);
    expect(s.driftedFamilies).toBe(2);
  });

  it("empty", () => {
    expect(summarizeFindings([]).driftedFamilies).toBe(0);
  });
});
