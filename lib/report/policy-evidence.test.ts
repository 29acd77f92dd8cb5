import { describe, expect, it } from "vitest";
import { detectFindings } from "../drift/detect-findings";
import { emptyDriftRules } from "../drift/rules-schema";
import { ACCOUNT, decryptFor, familyWithReplicaPolicy } from "../drift/test-fixtures";
import { wireRequestSchema } from "../domain/policy-evidence";
import { makeSnapshot } from "../store/test-fixtures";
import { findingsToCsv } from "./csv";
import { renderHtmlReport } from "./html-report";

/** A snapshot whose one finding is a replica letting a new role decrypt, as the drift stage states it. */
function snapshotWithPolicyDrift() {
  const { family, keys } = familyWithReplicaPolicy((s) => [...s, decryptFor("analytics-export")]);
  const findings = detectFindings({
    keys,
    families: [family],
    rules: emptyDriftRules(),
    now: new Date(),
  });
  return makeSnapshot({ id: "evidence-1", findings });
}

describe("exports carry the policy witness", () => {
  it("CSV: the verdict and the first witness request, replayable JSON", () => {
    const csv = findingsToCsv(snapshotWithPolicyDrift());
    const header = csv.split("\r\n")[0]?.split(",") ?? [];
    expect(header.slice(-2)).toEqual(["verdict", "witness"]);
    expect(csv).toContain(",wider,");
    const witnessCell = /,wider,"(.*)"\r\n/.exec(csv)?.[1]?.replace(/""/g, '"');
    const witness = JSON.parse(witnessCell ?? "null") as Record<string, unknown>;
    expect(witness.change).toBe("gained");
    const request = wireRequestSchema.parse(witness.request);
    expect(request.principal).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/analytics-export/${request.principal.split("/").pop()}`,
    );
    expect(request.action).toBe("kms:Decrypt");
  });

  it("HTML: the access change in words, witness context and responsible statement included", () => {
    const page = renderHtmlReport({ snapshot: snapshotWithPolicyDrift(), comparison: null });
    expect(page).toContain(
      "role/analytics-export of account 111122223333 can now call kms:Decrypt with no IAM permission of its own — statement `AllowExport` of eu-west-1; denied in us-east-1 because",
    );
  });
});
