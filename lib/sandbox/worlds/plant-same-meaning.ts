import type { Actor } from "./actors";
import { PARTNER_ACCOUNT } from "./cast";
import { findMember, listDriftableRegions, type Family } from "./family";
import type { PolicyPart, PolicyStatement } from "./policy-parts";
import { putPolicy } from "./plant-policy-drifts";
import type { WorldWriter } from "./writer";

/**
 * Key policies rewritten so they read differently and allow exactly the same: each must yield no
 * finding. One per class of rewrite the drift engine once reported as drift.
 */
export interface SameMeaningRewrite {
  name: string;
  /** Parts the family must have for the rewrite to apply. */
  needs: string[];
  apply(parts: PolicyPart[]): PolicyPart[];
}

type Render = (
  statement: Omit<PolicyStatement, "Sid">,
  account: string,
  region: string,
) => Omit<PolicyStatement, "Sid">;

function mapPart(part: PolicyPart, key: string, render: Render): PolicyPart {
  return {
    ...part,
    key,
    render: (account, region) => render(part.render(account, region), account, region),
  };
}

function replacing(
  parts: PolicyPart[],
  key: string,
  by: (p: PolicyPart) => PolicyPart[],
): PolicyPart[] {
  return parts.flatMap((p) => (p.key === key ? by(p) : [p]));
}

const asList = (a: string | string[]): string[] => (Array.isArray(a) ? a : [a]);

export const SAME_MEANING_REWRITES: SameMeaningRewrite[] = [
  {
    // kms:List* also covers ListAliases, ListKeys and ListRetirableGrants, which no key policy governs.
    name: "wildcard-and-the-actions-it-stands-for",
    needs: ["admins"],
    apply: (parts) =>
      replacing(parts, "admins", (p) => [
        mapPart(p, "admins-expanded", (s) => ({
          ...s,
          Action: asList(s.Action).flatMap((a) =>
            a === "kms:List*"
              ? [
                  "kms:ListGrants",
                  "kms:ListKeyPolicies",
                  "kms:ListKeyRotations",
                  "kms:ListResourceTags",
                ]
              : [a],
          ),
        })),
      ]),
  },
  {
    name: "statement-split-by-action",
    needs: ["users"],
    apply: (parts) =>
      replacing(parts, "users", (p) => [
        mapPart(p, "users-crypt", (s) => ({ ...s, Action: ["kms:Encrypt", "kms:Decrypt"] })),
        mapPart(p, "users-rest", (s) => ({
          ...s,
          Action: ["kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        })),
      ]),
  },
  {
    name: "statement-split-by-principal",
    needs: ["admins"],
    apply: (parts) =>
      replacing(parts, "admins", (p) => [
        mapPart(p, "admins-key-admin", (s, account) => ({
          ...s,
          Principal: { AWS: `arn:aws:iam::${account}:role/key-admin` },
        })),
        mapPart(p, "admins-terraform", (s, account) => ({
          ...s,
          Principal: { AWS: `arn:aws:iam::${account}:role/terraform-ci` },
        })),
      ]),
  },
  {
    name: "StringLike-for-StringEquals-without-wildcards",
    needs: ["s3"],
    apply: (parts) =>
      replacing(parts, "s3", (p) => [
        mapPart(p, "s3-like", (s) => ({
          ...s,
          Condition: { StringLike: s.Condition?.StringEquals ?? {} },
        })),
      ]),
  },
  {
    name: "ArnEquals-for-ArnLike",
    needs: ["logs"],
    apply: (parts) =>
      replacing(parts, "logs", (p) => [
        mapPart(p, "logs-arn-equals", (s) => ({
          ...s,
          Condition: { ArnEquals: s.Condition?.ArnLike ?? {} },
        })),
      ]),
  },
  {
    // kms:CallerAccount is in every request of a role of the account: the condition always holds.
    name: "IfExists-on-a-key-every-request-carries",
    needs: ["users"],
    apply: (parts) =>
      replacing(parts, "users", (p) => [
        mapPart(p, "users-if-exists", (s, account) => ({
          ...s,
          Condition: { StringEqualsIfExists: { "kms:CallerAccount": account } },
        })),
      ]),
  },
  {
    name: "Resource-*-and-the-key's-own-ARN-pattern",
    needs: ["root"],
    apply: (parts) =>
      replacing(parts, "root", (p) => [
        mapPart(p, "root-own-arn", (s, account, region) => ({
          ...s,
          Resource: `arn:aws:kms:${region}:${account}:key/*`,
        })),
      ]),
  },
  {
    // kms:GrantIsForAWSResource is only in CreateGrant, ListGrants and RevokeGrant requests.
    name: "action-added-where-the-condition-never-holds",
    needs: ["grants"],
    apply: (parts) =>
      replacing(parts, "grants", (p) => [
        mapPart(p, "grants-plus-decrypt", (s) => ({
          ...s,
          Action: [...asList(s.Action), "kms:Decrypt"],
        })),
      ]),
  },
  {
    name: "access-another-statement-already-grants",
    needs: ["users"],
    apply: (parts) => {
      const users = parts.find((p) => p.key === "users") as PolicyPart;
      return [
        ...parts,
        mapPart(users, "users-decrypt-again", (s) => ({ ...s, Action: "kms:Decrypt" })),
      ];
    },
  },
  {
    name: "an-Allow-that-an-unchanged-Deny-cancels",
    needs: ["deny-delete"],
    apply: (parts) => [
      ...parts,
      {
        key: "contractor-delete",
        sid: "Allow contractor deletion",
        render: (account) => ({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${account}:role/contractor` },
          Action: "kms:ScheduleKeyDeletion",
          Resource: "*",
        }),
      },
    ],
  },
  {
    name: "cross-account-principal-under-the-key's-CallerAccount",
    needs: ["users"],
    apply: (parts) =>
      replacing(parts, "users", (p) => [
        mapPart(p, "users-with-partner", (s, account) => ({
          ...s,
          Principal: {
            AWS: [
              ...asList((s.Principal as { AWS: string | string[] }).AWS),
              `arn:aws:iam::${PARTNER_ACCOUNT}:root`,
            ],
          },
          Condition: { StringEquals: { "kms:CallerAccount": account } },
        })),
      ]),
  },
];

export interface PlantedSameMeaning {
  familyId: string;
  region: string;
  rewrite: string;
}

/** Each rewrite on its own family (the first in `pool` that has the parts it needs), in one region. */
export function plantSameMeaning(
  w: WorldWriter,
  pool: Family[],
  actor: Actor,
): PlantedSameMeaning[] {
  const used = new Set<string>();
  const out: PlantedSameMeaning[] = [];
  for (const rewrite of SAME_MEANING_REWRITES) {
    const family = pool.find(
      (f) =>
        !used.has(f.id) &&
        listDriftableRegions(f).length > 0 &&
        rewrite.needs.every((k) => f.spec.parts.some((p) => p.key === k)),
    );
    if (!family) continue;
    used.add(family.id);
    const region = listDriftableRegions(family)[0] as string;
    putPolicy(w, family, region, actor, rewrite.apply(findMember(family, region).parts));
    out.push({ familyId: family.id, region, rewrite: rewrite.name });
  }
  return out;
}
