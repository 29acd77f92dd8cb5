/**
 * Drift engine throughput: 10,000 families × 4 regions with realistic key policies.
 * Run: npx tsx bench/drift.ts [families]
 */
import type { Family } from "../lib/domain/family";
import type { KeyRecord, PolicyStatement } from "../lib/domain/key-record";
import { detectFindings } from "../lib/drift/detect-findings";
import { emptyDriftRules } from "../lib/drift/rules-schema";
import { summarizeFindings } from "../lib/drift/summarize";
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

function build(): { keys: KeyRecord[]; families: Family[] } {
  const keys: KeyRecord[] = [];
  const families: Family[] = [];
  for (let i = 0; i < FAMILIES; i++) {
    const keyId = `mrk-${i.toString(16).padStart(32, "0")}`;
    const { family, keys: members } = makeMrkFamily(REGIONS, keyId);
    members.forEach((k, j) => {
      const base = k.policy?.Statement ?? [];
      const stmts = [...(Array.isArray(base) ? base : [base]), ...extraStatements(i, k.region)];
      // Every 10th family drifts somewhere: a wider grant, a dropped statement, a disabled replica.
      if (i % 10 === 0 && j === 1)
        stmts.push({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::111122223333:role/x-${i}` },
          Action: "kms:Decrypt",
          Resource: "*",
        });
      if (i % 10 === 3 && j === 2) stmts.splice(1, 1);
      if (i % 10 === 7 && j === 3) k.metadata.KeyState = "Disabled";
      // Replicas list their statements in another order: must not count as drift.
      k.policy = { Version: "2012-10-17", Statement: j % 2 === 0 ? stmts : [...stmts].reverse() };
    });
    keys.push(...members);
    families.push(family);
  }
  return { keys, families };
}

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
const started = performance.now();
const findings = detectFindings({ keys, families, rules, now: new Date() });
const ms = performance.now() - started;
const summary = summarizeFindings(findings);
console.log(`drift: ${FAMILIES} families × ${REGIONS.length} regions (${keys.length} keys)`);
console.log(
  `findings: ${findings.length} (${JSON.stringify(summary.findingsBySeverity)}), drifted families: ${summary.driftedFamilies}`,
);
console.log(`total: ${ms.toFixed(0)} ms, ${((FAMILIES / ms) * 1000).toFixed(0)} families/s`);
