import type { Finding, Severity } from "../domain/finding";
import { valueText } from "./value-text";
import type { Snapshot } from "../domain/snapshot";

export interface AsffFinding {
  SchemaVersion: "2018-10-08";
  Id: string;
  ProductArn: string;
  GeneratorId: string;
  AwsAccountId: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: "INFORMATIONAL" | "LOW" | "MEDIUM" | "HIGH" | "CRITICAL"; Original: string };
  Title: string;
  Description: string;
  ProductName: string;
  Resources: { Type: "AwsKmsKey"; Id: string; Partition: string; Region: string }[];
  Compliance: { Status: "FAILED" };
  Workflow: { Status: "NEW" | "SUPPRESSED" };
  RecordState: "ACTIVE";
  Remediation?: { Recommendation: { Text: string } };
  ProductFields: Record<string, string>;
}

const LABELS: Record<Severity, AsffFinding["Severity"]["Label"]> = {
  critical: "CRITICAL",
  high: "HIGH",
  medium: "MEDIUM",
  low: "LOW",
  info: "INFORMATIONAL",
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function describeFinding(f: Finding): string {
  const parts = [
    `${f.property} in ${f.region} differs from reference region ${f.referenceRegion ?? "unknown"} (family ${f.familyId}).`,
    `Expected: ${valueText(f.expected, "none")}. Actual: ${valueText(f.actual, "none")}.`,
    f.waiver ? `Waived until ${f.waiver.expires} by ${f.waiver.owner}: ${f.waiver.reason}.` : "",
  ];
  return clip(parts.filter(Boolean).join(" "), 1024);
}

/** What an ASFF finding takes from its snapshot besides the finding (never the keys). */
export type AsffSnapshotHeader = Pick<Snapshot, "id" | "startedAt" | "finishedAt" | "source">;

/**
 * One finding as ASFF; `keyArn` is the ARN of the first key of the snapshot with the finding's
 * account, region and key id (undefined: none, the ARN is built from them).
 */
export function toAsffFinding(
  snapshot: AsffSnapshotHeader,
  f: Finding,
  keyArn: string | undefined,
): AsffFinding {
  const partition = snapshot.source.partition || "aws";
  const arn =
    keyArn ?? `arn:${snapshot.source.partition}:kms:${f.region}:${f.account}:key/${f.keyId}`;
  const remediation = f.remediation.join("\n");
  return {
    SchemaVersion: "2018-10-08",
    Id: clip(`kms-drift/${f.account}/${f.id}`, 512),
    ProductArn: `arn:${partition}:securityhub:${f.region}:${f.account}:product/${f.account}/default`,
    GeneratorId: clip(`kms-drift/${f.property}`, 512),
    AwsAccountId: f.account,
    Types: [
      f.property === "residency"
        ? "Software and Configuration Checks/Industry and Regulatory Standards/KMS key residency"
        : `Software and Configuration Checks/AWS Security Best Practices/KMS key drift (${f.property})`,
    ],
    CreatedAt: snapshot.startedAt,
    UpdatedAt: snapshot.finishedAt,
    Severity: { Label: LABELS[f.severity], Original: f.severity },
    Title: clip(f.title || `${f.property} drift in ${f.region}`, 256),
    Description: describeFinding(f),
    ProductName: "kms-drift",
    Resources: [{ Type: "AwsKmsKey", Id: arn, Partition: partition, Region: f.region }],
    Compliance: { Status: "FAILED" },
    Workflow: { Status: f.waived ? "SUPPRESSED" : "NEW" },
    RecordState: "ACTIVE",
    ...(remediation ? { Remediation: { Recommendation: { Text: clip(remediation, 512) } } } : {}),
    ProductFields: {
      "kms-drift/SnapshotId": clip(snapshot.id, 2048),
      "kms-drift/FamilyId": clip(f.familyId, 2048),
      "kms-drift/Property": f.property,
      "kms-drift/ReferenceRegion": f.referenceRegion ?? "",
    },
  };
}

/** Findings as AWS Security Finding Format, ready for securityhub:BatchImportFindings (100 per call). */
export function toAsffFindings(snapshot: Snapshot): AsffFinding[] {
  return snapshot.findings.map((f) => {
    const record = snapshot.keys.find(
      (k) => k.account === f.account && k.region === f.region && k.keyId === f.keyId,
    );
    return toAsffFinding(snapshot, f, record?.arn);
  });
}
