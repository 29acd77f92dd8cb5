/**
 * The synthetic Organization-scale snapshot of `bench:org-store` and `bench:ui` (fast, deterministic):
 * four-region multi-Region families over `accounts` accounts in 5 OUs, findings on every fifth
 * family, one CloudTrail event per drifted family. `round` 1 fixes and changes a few findings.
 */
import type { AccountScan } from "../../lib/domain/account-scan";
import type { Family } from "../../lib/domain/family";
import type { Finding, FindingProperty, Severity } from "../../lib/domain/finding";
import { findingId } from "../../lib/domain/finding-id";
import type { KeyRecord } from "../../lib/domain/key-record";
import type { RegionScan, Snapshot } from "../../lib/domain/snapshot";
import type { TrailEvent } from "../../lib/domain/trail-event";
import { customerKeyMetadata } from "../../lib/domain/testing/key-metadata";
import { defaultPolicy } from "../../lib/drift/test-fixtures";
import { withSampleDetail } from "../../lib/store/test-fixtures";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];
const OUS = [
  "Root/Workloads/Prod",
  "Root/Workloads/Dev",
  "Root/Sandbox",
  "Root/Security",
  "Root/Shared",
];
const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];
const PROPERTIES: FindingProperty[] = ["policy", "grants", "tags", "description", "state"];

export const accountId = (i: number) => String(100000000000 + i * 7919);

function keyRecord(account: string, region: string, keyId: string, family: number): KeyRecord {
  const arn = `arn:aws:kms:${region}:${account}:key/${keyId}`;
  return {
    account,
    region,
    keyId,
    arn,
    metadata: customerKeyMetadata({ account, keyId, arn, description: `service ${family % 97}` }),
    audited: true,
    policy: defaultPolicy(region, account),
    grants: [],
    aliases: [`alias/app-${family}`],
    tags: { team: `team-${family % 20}`, env: family % 3 === 0 ? "prod" : "dev" },
    rotation: { enabled: true, periodDays: 365 },
    errors: [],
  };
}

/** Findings of every fifth family: 1–3 each, the `round` shifting a few of them between snapshots. */
function findingsOf(family: Family, index: number, round: number): Finding[] {
  if (index % 5 !== 0) return [];
  const out: Finding[] = [];
  for (let j = 0; j < 1 + (index % 3); j += 1) {
    const region = REGIONS[1 + ((index + j) % 3)] ?? "eu-west-1";
    const property = PROPERTIES[(index + j) % PROPERTIES.length] ?? "tags";
    // One family in 50 fixed in the later snapshot; one in 40 changes severity.
    if (round === 1 && index % 50 === 0 && j === 0) continue;
    const severity = SEVERITIES[(index + j + (round === 1 && index % 40 === 0 ? 1 : 0)) % 5];
    const what = `${property}-${j}`;
    out.push(
      withSampleDetail(property, {
        id: findingId(family.id, property, region, what),
        familyId: family.id,
        keyId: family.members[0]?.keyId ?? "",
        account: family.account,
        region,
        referenceRegion: family.referenceRegion,
        severity: severity ?? "low",
        title: `${property} differs in ${region}`,
        expected: { value: "reference" },
        actual: { value: what },
        attribution: [],
        remediation: [`aws kms tag-resource --region ${region} --key-id ${family.name}`],
        waived: index % 35 === 0,
      }),
    );
  }
  return out;
}

export function generate(keys: number, accounts: number, round: number): Snapshot {
  const familyCount = Math.floor(keys / REGIONS.length);
  const perAccount = Math.ceil(familyCount / accounts);
  const keyRecords: KeyRecord[] = [];
  const families: Family[] = [];
  const findings: Finding[] = [];
  const events: TrailEvent[] = [];
  for (let f = 0; f < familyCount; f += 1) {
    const account = accountId(Math.floor(f / perAccount));
    const keyId = `mrk-${f.toString(16).padStart(32, "0")}`;
    const members = REGIONS.map((region, i) => {
      keyRecords.push(keyRecord(account, region, keyId, f));
      return {
        region,
        keyId,
        arn: `arn:aws:kms:${region}:${account}:key/${keyId}`,
        role: i === 0 ? ("primary" as const) : ("replica" as const),
      };
    });
    const family: Family = {
      id: `${account}:${keyId}`,
      kind: "multi-region",
      account,
      name: keyId,
      referenceRegion: REGIONS[0] ?? null,
      members,
      flags: [],
    };
    families.push(family);
    const found = findingsOf(family, f, round);
    findings.push(...found);
    if (found.length > 0)
      events.push({
        eventId: `ev-${f}`,
        eventTime: "2026-11-20T10:00:00Z",
        eventName: "PutKeyPolicy",
        region: REGIONS[1] ?? "eu-west-1",
        account,
        actor: `arn:aws:iam::${account}:user/ops`,
        keyIds: [keyId],
        requestParameters: { keyId },
      });
  }
  const accountIds = Array.from({ length: accounts }, (_, i) => accountId(i));
  const accountScans: AccountScan[] = accountIds.map((account, i) => ({
    account,
    source: "organization",
    name: `account-${i}`,
    ou: { id: `ou-${i % OUS.length}`, path: OUS[i % OUS.length] ?? "Root" },
    tags: { team: `team-${i % 20}`, costCenter: `cc-${i % 7}` },
    state: "ACTIVE",
    status: "ok",
  }));
  const regions: RegionScan[] = accountIds.flatMap((account) =>
    REGIONS.map((region) => ({
      account,
      region,
      status: "ok" as const,
      keyCount: perAccount,
      apiCalls: perAccount * 4,
      throttledCalls: 0,
      durationMs: 1000,
    })),
  );
  const startedAt = new Date(Date.UTC(2026, 10, 20 + round)).toISOString();
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity] += 1;
  return {
    schemaVersion: 1,
    id: `org-bench-${round}`,
    startedAt,
    finishedAt: startedAt,
    tool: { name: "kms-drift", version: "bench" },
    source: { kind: "sandbox", partition: "aws" },
    parameters: { regions: REGIONS, trail: true },
    accounts: accountIds,
    accountScans,
    organization: { id: "o-bench", managementAccount: accountId(0), roleName: "KmsDriftAudit" },
    regions,
    keys: keyRecords,
    families,
    findings,
    events,
    summary: {
      status: "complete",
      keys: keyRecords.length,
      auditedKeys: keyRecords.length,
      families: families.length,
      driftedFamilies: new Set(findings.map((f) => f.familyId)).size,
      findings: findings.length,
      findingsBySeverity: bySeverity,
      waivedFindings: findings.filter((f) => f.waived).length,
      regions: { ok: regions.length, partial: 0, error: 0, "not-enabled": 0 },
      accounts: { ok: accounts, partial: 0, error: 0, skipped: 0 },
    },
  };
}
