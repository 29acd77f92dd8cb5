/**
 * Drift engine throughput: 10,000 families × 4 regions with realistic key policies.
 * Run: npx tsx bench/drift.ts [families]
 */
import type { Family } from "../lib/domain/family";
import type { KeyRecord, PolicyStatement } from "../lib/domain/key-record";
import { detectFindings } from "../lib/drift/detect-findings";
import { emptyDriftRules } from "../lib/drift/rules-schema";
import { placeOf } from "../lib/drift/dr-readiness";
import { summarizeFindings } from "../lib/drift/summarize";
import { clearVerdictCache, comparePolicies } from "../lib/policy/compare";
import { makeMrkFamily } from "../lib/drift/test-fixtures";

const FAMILIES = Number(process.argv[2] ?? 10_000);
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1"];

function extraStatements(i: number, region: string): PolicyStatement[] {
  return [
    {
      Sid: "Allow attachment of persistent resources",
      Effect: "Allow",
      Principal: {
        AWS: [`arn:aws:iam::111122223333:role/svc-${i % 97}`, "arn:aws:iam::111122223333:role/ops"],
      },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
    {
      Sid: "Allow access through EBS",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: [
        "kms:Encrypt",
        "kms:Decrypt",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:DescribeKey",
      ],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:CallerAccount": "111122223333",
          "kms:ViaService": `ec2.${region}.amazonaws.com`,
        },
      },
    },
    {
      Sid: "Key admins",
      Effect: "Allow",
      Principal: { AWS: "111122223333" },
      Action: ["kms:Describe*", "kms:Get*", "kms:List*", "kms:Put*"],
      Resource: "*",
    },
    {
      Sid: "No deletion",
      Effect: "Deny",
      Principal: { AWS: "arn:aws:iam::111122223333:role/contractor" },
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    },
  ];
}

/** The ways a member's policy differs: some change what it allows, some only how it reads. */
const DIFFERENCES: ((stmts: PolicyStatement[], i: number) => PolicyStatement[])[] = [
  // wider: a new principal may decrypt
  (s, i) => [
    ...s,
    {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::111122223333:role/x-${i}` },
      Action: "kms:Decrypt",
      Resource: "*",
    },
  ],
  // narrower: a statement dropped
  (s) => s.filter((_, k) => k !== 1),
  // reads differently, allows the same: one statement split by action
  (s) =>
    s.flatMap((st) =>
      Array.isArray(st.Action) && st.Action.length > 1
        ? st.Action.map((a) => ({ ...st, Action: a }))
        : [st],
    ),
  // a Deny removed
  (s) => s.filter((st) => st.Effect !== "Deny"),
  // a condition widened
  (s) =>
    s.map((st) =>
      st.Condition?.StringEquals?.["kms:ViaService"]
        ? {
            ...st,
            Condition: {
              StringLike: {
                "kms:ViaService": "ec2.*.amazonaws.com",
                "kms:CallerAccount": "111122223333",
              },
            },
          }
        : st,
    ),
];

function build(): { keys: KeyRecord[]; families: Family[] } {
  const keys: KeyRecord[] = [];
  const families: Family[] = [];
  for (let i = 0; i < FAMILIES; i++) {
    const keyId = `mrk-${i.toString(16).padStart(32, "0")}`;
    const { family, keys: members } = makeMrkFamily(REGIONS, keyId);
    members.forEach((k, j) => {
      const base = k.policy?.Statement ?? [];
      let stmts = [...(Array.isArray(base) ? base : [base]), ...extraStatements(i, k.region)];
      // 20 % of all members differ from their reference (8 of every 30 replicas).
      if (j > 0 && (i * 3 + j) % 15 < 4) {
        const differ = DIFFERENCES[
          (Math.floor(i / 5) + j) % DIFFERENCES.length
        ] as (typeof DIFFERENCES)[number];
        stmts = differ(stmts, i);
      }
      // Replicas list their statements in another order: must not count as drift.
      k.policy = { Version: "2012-10-17", Statement: j % 2 === 0 ? stmts : [...stmts].reverse() };
    });
    keys.push(...members);
    families.push(family);
  }
  return { keys, families };
}

/** Every reference/member policy pair decided cold, one at a time: latency per differing pair. */
function pairLatencies(
  keys: KeyRecord[],
  families: Family[],
): { pairs: number; ms: number; differing: number[] } {
  const byArn = new Map(keys.map((k) => [k.arn, k]));
  const differing: number[] = [];
  let pairs = 0;
  const started = performance.now();
  for (const family of families) {
    const records = family.members
      .map((m) => byArn.get(m.arn))
      .filter((k): k is KeyRecord => k !== undefined);
    const reference = records.find((r) => r.region === family.referenceRegion);
    if (!reference?.policy) continue;
    for (const member of records) {
      if (member === reference || !member.policy) continue;
      clearVerdictCache();
      const t = performance.now();
      const c = comparePolicies(
        { policy: reference.policy, place: placeOf(reference) },
        { policy: member.policy, place: placeOf(member) },
      );
      const dt = performance.now() - t;
      pairs++;
      if (!(
        c.verdict === "equal" &&
        c.statementDiff.added.length +
          c.statementDiff.removed.length +
          c.statementDiff.changed.length ===
          0
      ))
        differing.push(dt);
    }
  }
  return { pairs, ms: performance.now() - started, differing: differing.sort((x, y) => x - y) };
}

const q = (xs: number[], p: number): number =>
  xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0;

const { keys, families } = build();
const rules = emptyDriftRules();
rules.residency = [
  { name: "eu", selector: { tag: { "data-class": "eu-pii" } }, allowedRegions: ["eu-*"] },
];
detectFindings({
  keys: keys.slice(0, 400),
  families: families.slice(0, 100),
  rules,
  now: new Date(),
}); // warm-up
clearVerdictCache();
const started = performance.now();
const findings = detectFindings({ keys, families, rules, now: new Date() });
const ms = performance.now() - started;
const summary = summarizeFindings(findings);
const latency = pairLatencies(keys, families);
// A scan at AWS quotas: every region's keys are read concurrently, each at its slowest per-key
// operation: GetKeyLastUsage (5/s per account and region) with the default `lastUse.read`, else
// ListGrants (100/s): keys per region / rate seconds at best.
const keysPerRegion = keys.length / REGIONS.length;
const scanMsAt = (perSecond: number) => (keysPerRegion / perSecond) * 1000 + ms;
console.log(
  `drift: ${FAMILIES} families × ${REGIONS.length} regions (${keys.length} keys), 20 % of members differing`,
);
console.log(
  `findings: ${findings.length} (${JSON.stringify(summary.findingsBySeverity)}), drifted families: ${summary.driftedFamilies}`,
);
console.log(`drift stage: ${ms.toFixed(0)} ms, ${((FAMILIES / ms) * 1000).toFixed(0)} families/s`);
console.log(
  `policy pairs (cold, one by one): ${latency.pairs} pairs, ${((latency.pairs / latency.ms) * 1000).toFixed(0)} pairs/s; per differing pair (${latency.differing.length}) p50 ${q(latency.differing, 0.5).toFixed(2)} ms, p99 ${q(latency.differing, 0.99).toFixed(2)} ms`,
);
for (const [reading, perSecond] of [
  ["default config, GetKeyLastUsage 5/s per region", 5],
  ["lastUse.read false, ListGrants 100/s per region", 100],
] as const)
  console.log(
    `share of a scan at AWS quotas (${reading} → ≥ ${(keysPerRegion / perSecond).toFixed(0)} s): ${((ms / scanMsAt(perSecond)) * 100).toFixed(2)} %`,
  );
