import type { Actor } from "./actors";
import type { FamilySpec } from "./family";
import type { GrantSpec } from "./kms-calls";
import {
  adminsPart,
  cloudWatchLogsPart,
  denyDeletionPart,
  persistentGrantsPart,
  rootPart,
  s3ViaServicePart,
  usersPart,
  type PolicyPart,
} from "./policy-parts";
import type { Random } from "./random";

const TEAMS = ["platform", "payments", "data", "identity", "growth", "sre", "security"] as const;

export interface PolicyOptions {
  logs?: boolean;
  s3?: boolean;
  persistentGrants?: boolean;
  denyDelete?: boolean;
}

export function buildPolicyParts(app: string, options: PolicyOptions): PolicyPart[] {
  return [
    rootPart(),
    adminsPart(),
    usersPart(app),
    ...(options.persistentGrants ? [persistentGrantsPart(app)] : []),
    ...(options.logs ? [cloudWatchLogsPart()] : []),
    ...(options.s3 ? [s3ViaServicePart()] : []),
    ...(options.denyDelete ? [denyDeletionPart()] : []),
  ];
}

export function buildWorkerGrant(account: string, app: string): GrantSpec {
  return {
    name: `${app}-worker`,
    grantee: `arn:aws:iam::${account}:role/app-${app}-worker`,
    operations: ["Encrypt", "Decrypt", "GenerateDataKey"],
    constraints: { EncryptionContextSubset: { app } },
  };
}

function titleCase(name: string): string {
  return name.replace(
    /(^|-)(\w)/g,
    (_m, sep: string, c: string) => `${sep ? " " : ""}${c.toUpperCase()}`,
  );
}

/** A typical IaC-managed family with random but in-sync settings. */
export function planFamily(
  random: Random,
  input: {
    account: string;
    kind: FamilySpec["kind"];
    name: string;
    regions: string[];
    creator: Actor;
    policy?: PolicyOptions;
    /** Share of families whose keys carry a worker grant. */
    grantShare?: number;
  },
): FamilySpec {
  const policy = input.policy ?? {
    logs: random.chance(0.5),
    s3: random.chance(0.5),
    persistentGrants: random.chance(0.4),
    denyDelete: random.chance(0.25),
  };
  return {
    account: input.account,
    kind: input.kind,
    name: input.name,
    regions: input.regions,
    description: `${titleCase(input.name)} data key (managed by terraform)`,
    tags: {
      env: random.chance(0.8) ? "prod" : "staging",
      owner: random.pick(TEAMS),
      "managed-by": "terraform",
    },
    parts: buildPolicyParts(input.name, policy),
    rotation: random.chance(0.85),
    grants: random.chance(input.grantShare ?? 0.5)
      ? [buildWorkerGrant(input.account, input.name)]
      : [],
    creator: input.creator,
    app: input.name,
  };
}

/** `count` distinct regions, the first one chosen from `firstFrom` when given. */
export function pickRegions(
  random: Random,
  pool: readonly string[],
  count: number,
  first?: string,
): string[] {
  const rest = random.shuffle(pool.filter((r) => r !== first));
  return (first ? [first, ...rest] : rest).slice(0, count);
}
