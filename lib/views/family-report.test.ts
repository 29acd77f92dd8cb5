import { describe, expect, it } from "vitest";
import type { PolicyStatement } from "../domain/key-record";
import { detectFindings } from "../drift/detect-findings";
import { emptyDriftRules } from "../drift/rules-schema";
import { decryptFor, familyWithReplicaPolicy } from "../drift/test-fixtures";
import { makeSnapshot } from "../store/test-fixtures";
import {
  buildFamilyDrReadiness,
  buildFamilyOutline,
  buildFamilyReport,
  buildSameMeaning,
} from "./family-report";

/** A two-region family whose replica policy is rewritten by `rewrite`, scanned by the drift stage. */
function reportAfter(rewrite: (statements: PolicyStatement[]) => PolicyStatement[]) {
  const { family, keys } = familyWithReplicaPolicy(rewrite);
  const findings = detectFindings({
    keys,
    families: [family],
    rules: emptyDriftRules(),
    now: new Date(),
  });
  const snapshot = { ...makeSnapshot({ id: "report-1" }), keys, families: [family], findings };
  const report = buildFamilyReport(snapshot, family.id);
  if (!report) throw new Error("family missing from its snapshot");
  return report;
}

describe("the family report", () => {
  it("lists a policy that reads differently and allows the same, with its statement diff, and no finding", () => {
    // One statement split by action: the same access, other text.
    const report = reportAfter((statements) =>
      statements.flatMap((s) =>
        Array.isArray(s.Action) && s.Action.length > 1
          ? s.Action.map((a) => ({ ...s, Action: a }))
          : [s],
      ),
    );
    expect(report.findings).toEqual([]);
    expect(report.sameMeaning.map((m) => m.region)).toEqual(["eu-west-1"]);
    const diff = report.sameMeaning[0]?.statements;
    expect((diff?.added.length ?? 0) + (diff?.changed.length ?? 0)).toBeGreaterThan(0);
  });

  it("words each access change with its witness and the statements responsible", () => {
    const report = reportAfter((statements) => [
      ...statements,
      {
        ...decryptFor("analytics-export"),
        Condition: { StringEquals: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } },
      },
    ]);
    const policy = report.findings[0]?.policy;
    expect(policy?.verdict).toBe("wider");
    expect(policy?.words).toEqual([
      "role/analytics-export of account 111122223333 can now call kms:Decrypt via s3.eu-west-1.amazonaws.com with no IAM permission of its own — statement `AllowExport` of eu-west-1; denied in us-east-1 because only the account is named, and the caller's IAM policies grant nothing",
    ]);
    expect(policy?.delta[0]?.witness.referenceRequest.context["kms:ViaService"]).toBe(
      "s3.us-east-1.amazonaws.com",
    );
    expect(report.sameMeaning).toEqual([]);
  });

  it("is what the family page shows in parts: the outline, DR readiness and same-meaning members", () => {
    // The replica allows nothing: every use the reference allows is a DR gap.
    const { family, keys } = familyWithReplicaPolicy(() => []);
    const findings = detectFindings({
      keys,
      families: [family],
      rules: emptyDriftRules(),
      now: new Date(),
    });
    const snapshot = { ...makeSnapshot({ id: "report-2" }), keys, families: [family], findings };
    const report = buildFamilyReport(snapshot, family.id);
    expect(report?.drGaps.length).toBeGreaterThan(0);
    expect(report).toEqual({
      ...buildFamilyOutline(snapshot, family.id),
      ...buildFamilyDrReadiness(snapshot, family),
      sameMeaning: buildSameMeaning(snapshot, family),
    });
    expect(buildFamilyOutline(snapshot, "111122223333:alias/absent")).toBeNull();
  });
});
