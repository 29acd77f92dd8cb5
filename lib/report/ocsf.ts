import type { Finding, Severity } from "../domain/finding";
import { valueText } from "./value-text";
import type { Snapshot } from "../domain/snapshot";

/**
 * OCSF 1.3.0 Compliance Finding (class 2003, category 2 Findings) with the `cloud` profile: what
 * Security Lake and Prowler-style pipelines ingest. kms-drift evaluates each key against a reference
 * (its family's reference region, residency rules, baselines, last-use rules), which is a compliance
 * check with a pass/fail result, not the detection of an attack: hence Compliance, not Detection
 * Finding (2004). Attribute names and enums: schema.ocsf.io/1.3.0/classes/compliance_finding.
 */
export const OCSF_VERSION = "1.3.0";
const CLASS_UID = 2003;
const ACTIVITY_CREATE = 1;

const SEVERITY: Record<Severity, { id: number; caption: string }> = {
  critical: { id: 5, caption: "Critical" },
  high: { id: 4, caption: "High" },
  medium: { id: 3, caption: "Medium" },
  low: { id: 2, caption: "Low" },
  info: { id: 1, caption: "Informational" },
};

export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: 2;
  category_name: "Findings";
  class_uid: typeof CLASS_UID;
  class_name: "Compliance Finding";
  type_uid: number;
  type_name: string;
  time: number;
  timezone_offset: 0;
  severity_id: number;
  severity: string;
  status_id: 1 | 3;
  status: "New" | "Suppressed";
  status_detail: string;
  message: string;
  metadata: {
    version: typeof OCSF_VERSION;
    uid: string;
    product: { name: string; uid: string; vendor_name: string; version: string };
    profiles: ["cloud"];
    log_name: string;
    log_provider: string;
    original_time: string;
    logged_time: number;
    tenant_uid: string;
    labels: string[];
  };
  cloud: {
    provider: "AWS";
    region: string;
    account: { uid: string; type_id: 10; type: "AWS Account" };
  };
  finding_info: {
    uid: string;
    title: string;
    desc: string;
    types: string[];
    created_time: number;
    product_uid: string;
    related_events?: { uid: string; product_uid: string }[];
  };
  compliance: {
    standards: string[];
    control: string;
    requirements: string[];
    status_id: 3;
    status: "Fail";
    status_detail: string;
  };
  remediation?: { desc: string };
  resources: {
    uid: string;
    name: string;
    type: "AWS::KMS::Key";
    region: string;
    cloud_partition: string;
    group: { uid: string; name: string };
    labels: string[];
    data: Record<string, unknown>;
  }[];
  unmapped: { kms_drift: Record<string, unknown> };
}

function ms(iso: string): number {
  return Date.parse(iso);
}

/** What an OCSF finding takes from its snapshot besides the finding (never the keys). */
export type OcsfSnapshotHeader = Pick<
  Snapshot,
  "id" | "startedAt" | "finishedAt" | "source" | "tool"
>;

/** What an OCSF finding shows of its key. */
export interface OcsfKey {
  arn: string;
  aliases: string[] | null;
  keyState: string | null;
}

/**
 * One finding as an OCSF Compliance Finding, with the snapshot's key of the finding's account,
 * region and key id (the last of equal ones) and the family of its family id, when there are.
 */
export function toOcsfFinding(
  snapshot: OcsfSnapshotHeader,
  f: Finding,
  record: OcsfKey | undefined,
  family: { kind: string; name: string } | undefined,
): OcsfComplianceFinding {
  const partition = snapshot.source.partition || "aws";
  const severity = SEVERITY[f.severity];
  const rule = f.detail.rule;
  const reference = f.referenceRegion ?? "unknown";
  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: "Create",
    category_uid: 2,
    category_name: "Findings",
    class_uid: CLASS_UID,
    class_name: "Compliance Finding",
    type_uid: CLASS_UID * 100 + ACTIVITY_CREATE,
    type_name: "Compliance Finding: Create",
    time: ms(snapshot.finishedAt),
    timezone_offset: 0,
    severity_id: severity.id,
    severity: severity.caption,
    // A waived finding is accepted risk: reviewed and suppressed, as in ASFF's Workflow.
    status_id: f.waived ? 3 : 1,
    status: f.waived ? "Suppressed" : "New",
    status_detail: f.waiver
      ? `waived until ${f.waiver.expires} by ${f.waiver.owner}: ${f.waiver.reason}`
      : "open: no waiver applies",
    message: f.title,
    metadata: {
      version: OCSF_VERSION,
      uid: `${snapshot.id}/${f.id}`,
      product: {
        name: "kms-drift",
        uid: "kms-drift",
        vendor_name: "kms-drift",
        version: snapshot.tool.version,
      },
      profiles: ["cloud"],
      log_name: "kms-drift snapshot",
      log_provider: "kms-drift",
      original_time: snapshot.startedAt,
      logged_time: ms(snapshot.finishedAt),
      tenant_uid: f.account,
      labels: [`property:${f.property}`, `family-kind:${family?.kind ?? "unknown"}`],
    },
    cloud: {
      provider: "AWS",
      region: f.region,
      account: { uid: f.account, type_id: 10, type: "AWS Account" },
    },
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: `${f.property} in ${f.region} differs from reference region ${reference} (family ${f.familyId}). Expected: ${valueText(f.expected, "none")}. Actual: ${valueText(f.actual, "none")}.`,
      types: [`kms-drift/${f.property}`],
      created_time: ms(snapshot.startedAt),
      product_uid: "kms-drift",
      ...(f.attribution.length > 0
        ? {
            // CloudTrail's eventID is the `metadata.uid` of the event in an OCSF API Activity feed.
            related_events: f.attribution.map((a) => ({
              uid: a.eventId,
              product_uid: "cloudtrail",
            })),
          }
        : {}),
    },
    compliance: {
      standards: ["kms-drift"],
      control: `kms-drift/${f.property}`,
      requirements: [`kms-drift/${f.property}/${rule}`],
      status_id: 3,
      status: "Fail",
      status_detail: `${f.region} does not match ${reference}`,
    },
    ...(f.remediation.length > 0 ? { remediation: { desc: f.remediation.join("\n") } } : {}),
    resources: [
      {
        uid: record?.arn ?? `arn:${partition}:kms:${f.region}:${f.account}:key/${f.keyId}`,
        name: f.keyId,
        type: "AWS::KMS::Key",
        region: f.region,
        cloud_partition: partition,
        group: { uid: f.familyId, name: family?.name ?? f.familyId },
        labels: record?.aliases ?? [],
        data: {
          family_id: f.familyId,
          family_kind: family?.kind ?? "unknown",
          reference_region: f.referenceRegion,
          key_state: record?.keyState ?? null,
        },
      },
    ],
    unmapped: {
      kms_drift: {
        snapshot_id: snapshot.id,
        expected: f.expected,
        actual: f.actual,
        detail: f.detail,
        attribution: f.attribution,
        ...(f.attributionNote ? { attribution_note: f.attributionNote } : {}),
        ...(f.waiver ? { waiver: f.waiver } : {}),
      },
    },
  };
}

/** One OCSF Compliance Finding per kms-drift finding, as a JSON array. */
export function toOcsfFindings(snapshot: Snapshot): OcsfComplianceFinding[] {
  const keys = new Map(snapshot.keys.map((k) => [`${k.account}|${k.region}|${k.keyId}`, k]));
  const families = new Map(snapshot.families.map((f) => [f.id, f]));
  return snapshot.findings.map((f) => {
    const key = keys.get(`${f.account}|${f.region}|${f.keyId}`);
    const record = key && { arn: key.arn, aliases: key.aliases, keyState: key.metadata.KeyState };
    return toOcsfFinding(snapshot, f, record, families.get(f.familyId));
  });
}
