import type { Family } from "../domain/family";
import type { Finding, FindingBase, FindingOf, FindingProperty, Severity } from "../domain/finding";
import { findingId } from "../domain/finding-id";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan, Snapshot, SnapshotSummary } from "../domain/snapshot";
import { customerKeyMetadata } from "../domain/testing/key-metadata";

/** Test-only factories for valid snapshots; the real scanner produces the same shapes. */

export const FIXTURE_ACCOUNT = "111122223333";

export interface FindingSpec {
  familyId?: string;
  property?: FindingProperty;
  severity?: Severity;
  region?: string;
  what?: string;
  title?: string;
  actual?: unknown;
  waived?: boolean;
}

const NO_STATEMENTS = { added: [], removed: [], changed: [] };

/** A valid finding of each property around `base`, with the simplest detail its detectors write. */
const SAMPLE_FINDINGS: { [P in FindingProperty]: (base: FindingBase) => FindingOf<P> } = {
  policy: (base) => ({
    ...base,
    property: "policy",
    detail: {
      rule: "wider-access",
      comparedWith: base.referenceRegion ?? "the reference",
      verdict: "wider",
      delta: [],
      deltaTotal: 0,
      accessChanges: [],
      statements: NO_STATEMENTS,
    },
  }),
  grants: (base) => ({
    ...base,
    property: "grants",
    detail: {
      rule: "grants-wider",
      verdict: "wider",
      delta: [],
      missing: [],
      extra: [],
      serviceGrants: false,
    },
  }),
  aliases: (base) => ({
    ...base,
    property: "aliases",
    detail: { rule: "alias-missing", missing: ["alias/app"] },
  }),
  state: (base) => ({
    ...base,
    property: "state",
    detail: { rule: "state-differs", referenceState: "Enabled", state: "Disabled" },
  }),
  description: (base) => ({ ...base, property: "description", detail: { rule: "description" } }),
  tags: (base) => ({
    ...base,
    property: "tags",
    detail: { rule: "tags", added: [], removed: [], changed: [] },
  }),
  rotation: (base) => ({
    ...base,
    property: "rotation",
    detail: { rule: "independent-shared", shared: false },
  }),
  keySpec: (base) => ({
    ...base,
    property: "keySpec",
    detail: { rule: "independent-shared", shared: false, note: "cannot be changed" },
  }),
  keyUsage: (base) => ({
    ...base,
    property: "keyUsage",
    detail: { rule: "independent-shared", shared: false, note: "cannot be changed" },
  }),
  origin: (base) => ({
    ...base,
    property: "origin",
    detail: { rule: "independent-shared", shared: false, note: "cannot be changed" },
  }),
  replicaSet: (base) => ({
    ...base,
    property: "replicaSet",
    detail: {
      rule: "replica-set",
      kind: "listed-not-found",
      primaryRegion: base.referenceRegion ?? "us-east-1",
      updating: false,
    },
  }),
  residency: (base) => ({
    ...base,
    property: "residency",
    detail: {
      rule: "residency",
      residencyRule: "eu-only",
      allowedRegions: ["eu-*"],
      role: "replica",
    },
  }),
  readability: (base) => ({
    ...base,
    property: "readability",
    detail: {
      rule: "readability",
      unread: "policy",
      code: "AccessDeniedException",
      message: "not authorized",
      note: "policy was not compared for this key",
    },
  }),
  usage: (base) => ({
    ...base,
    property: "usage",
    detail: {
      rule: "replica-dormant",
      trackingStartDate: "2026-10-01T00:00:00.000Z",
      createdBeforeTracking: false,
      dormantAfterDays: 30,
      note: "disable it before deleting it",
    },
  }),
};

/** `base` as a finding about `property`, with that property's simplest valid detail. */
export function withSampleDetail(property: FindingProperty, base: FindingBase): Finding {
  return SAMPLE_FINDINGS[property](base);
}

export function makeFinding(spec: FindingSpec = {}): Finding {
  const familyId = spec.familyId ?? `${FIXTURE_ACCOUNT}:mrk-1234abcd`;
  const property = spec.property ?? "policy";
  const region = spec.region ?? "eu-west-1";
  const what = spec.what ?? `${property}-${region}`;
  const keyId = familyId.split(":")[1] ?? "mrk-1234abcd";
  return withSampleDetail(property, {
    id: findingId(familyId, property, region, what),
    familyId,
    keyId,
    account: FIXTURE_ACCOUNT,
    region,
    referenceRegion: "us-east-1",
    severity: spec.severity ?? "high",
    title: spec.title ?? `${property} differs in ${region}`,
    expected: { value: "reference" },
    actual: spec.actual ?? { value: what },
    attribution: [
      {
        eventId: `evt-${what}`,
        eventTime: "2026-11-20T10:00:00Z",
        eventName: "PutKeyPolicy",
        region,
        actor: "arn:aws:iam::111122223333:user/alice",
      },
    ],
    remediation: [
      `aws kms put-key-policy --region ${region} --key-id ${keyId} --policy-name default --policy file://policy.json`,
    ],
    waived: spec.waived ?? false,
    ...(spec.waived
      ? {
          waiver: {
            reason: "accepted during migration",
            owner: "team-sec",
            expires: "2099-01-01",
            match: what,
          },
        }
      : {}),
  });
}

function makeKey(region: string, keyId: string): KeyRecord {
  const arn = `arn:aws:kms:${region}:${FIXTURE_ACCOUNT}:key/${keyId}`;
  return {
    account: FIXTURE_ACCOUNT,
    region,
    keyId,
    arn,
    metadata: customerKeyMetadata({
      account: FIXTURE_ACCOUNT,
      keyId,
      arn: arn,
      description: "payments",
    }),
    audited: true,
    policy: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${FIXTURE_ACCOUNT}:root` },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    },
    grants: [],
    aliases: ["alias/payments"],
    tags: { team: "payments" },
    rotation: { enabled: true, periodDays: 365 },
    errors: [],
  };
}

function summarise(s: Omit<Snapshot, "summary">): SnapshotSummary {
  const findingsBySeverity: Record<Severity, number> = {
    critical: 0,
    high: 0,
    medium: 0,
    low: 0,
    info: 0,
  };
  for (const f of s.findings) findingsBySeverity[f.severity] += 1;
  const regions = { ok: 0, partial: 0, error: 0, "not-enabled": 0 };
  for (const r of s.regions) regions[r.status] += 1;
  return {
    keys: s.keys.length,
    auditedKeys: s.keys.filter((k) => k.audited).length,
    families: s.families.length,
    driftedFamilies: new Set(s.findings.map((f) => f.familyId)).size,
    findings: s.findings.length,
    findingsBySeverity,
    waivedFindings: s.findings.filter((f) => f.waived).length,
    regions,
  };
}

export interface SnapshotSpec {
  id?: string;
  startedAt?: string;
  findings?: Finding[];
  /** Extra padding keys, to make a large snapshot. */
  extraKeys?: number;
}

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

export function makeSnapshot(spec: SnapshotSpec = {}): Snapshot {
  const startedAt = spec.startedAt ?? "2026-11-24T08:00:00.000Z";
  const finishedAt = new Date(Date.parse(startedAt) + 42_000).toISOString();
  const keyId = "mrk-1234abcd";
  const keys = REGIONS.map((r) => makeKey(r, keyId));
  for (let i = 0; i < (spec.extraKeys ?? 0); i += 1)
    keys.push(makeKey(REGIONS[i % 3] ?? "us-east-1", `0000${i}-aaaa-bbbb-cccc-dddddddddddd`));
  const families: Family[] = [
    {
      id: `${FIXTURE_ACCOUNT}:${keyId}`,
      kind: "multi-region",
      account: FIXTURE_ACCOUNT,
      name: keyId,
      referenceRegion: "us-east-1",
      members: REGIONS.map((region, i) => ({
        region,
        keyId,
        arn: `arn:aws:kms:${region}:${FIXTURE_ACCOUNT}:key/${keyId}`,
        role: i === 0 ? "primary" : "replica",
      })),
      flags: [],
    },
    {
      id: `${FIXTURE_ACCOUNT}:alias/orders`,
      kind: "alias",
      account: FIXTURE_ACCOUNT,
      name: "alias/orders",
      referenceRegion: "eu-west-1",
      members: [],
      flags: [],
    },
  ];
  const regions: RegionScan[] = [
    ...REGIONS.map((region) => ({
      account: FIXTURE_ACCOUNT,
      region,
      status: "ok" as const,
      keyCount: 1,
      apiCalls: 12,
      throttledCalls: 0,
      durationMs: 800,
      trail: {
        status: "ok" as const,
        from: "2026-11-17T08:00:00Z",
        to: startedAt,
        lookups: 3,
        events: 2,
      },
    })),
    {
      account: FIXTURE_ACCOUNT,
      region: "me-south-1",
      status: "not-enabled",
      error: "UnrecognizedClientException",
      keyCount: 0,
      apiCalls: 1,
      throttledCalls: 0,
      durationMs: 20,
    },
  ];
  const findings = spec.findings ?? defaultFindings();
  const base: Omit<Snapshot, "summary"> = {
    schemaVersion: 1,
    id: spec.id ?? `snap-${startedAt.replace(/[^0-9]/g, "")}`,
    startedAt,
    finishedAt,
    tool: { name: "kms-drift", version: "0.1.0" },
    source: { kind: "sandbox", endpoint: "http://127.0.0.1:4566", partition: "aws" },
    parameters: { regions: [...REGIONS, "me-south-1"], since: "7d", trail: true },
    accounts: [FIXTURE_ACCOUNT],
    regions,
    keys,
    families,
    findings,
    events: [],
  };
  return { ...base, summary: summarise(base) };
}

export function defaultFindings(): Finding[] {
  return [
    makeFinding({
      property: "policy",
      severity: "high",
      region: "eu-west-1",
      what: "wider-decrypt",
    }),
    makeFinding({
      property: "state",
      severity: "critical",
      region: "ap-southeast-2",
      what: "disabled",
    }),
    makeFinding({ property: "tags", severity: "low", region: "eu-west-1", what: "tag-team" }),
    makeFinding({
      familyId: `${FIXTURE_ACCOUNT}:alias/orders`,
      property: "aliases",
      severity: "medium",
      region: "us-east-1",
      what: "missing-alias",
    }),
    makeFinding({
      property: "residency",
      severity: "high",
      region: "ap-southeast-2",
      what: "outside-eu",
      waived: true,
    }),
  ];
}
