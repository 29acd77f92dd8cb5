import type { Family } from "../domain/family";
import type { KeyRecord, PolicyDocument, PolicyStatement } from "../domain/key-record";
import { customerKeyMetadata } from "../domain/testing/key-metadata";

/** Builders for tests and the bench: realistic records with everything readable and in sync. */
export const ACCOUNT = "111122223333";
export const MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";

export function arnOf(region: string, keyId: string, account = ACCOUNT, partition = "aws"): string {
  return `arn:${partition}:kms:${region}:${account}:key/${keyId}`;
}

export function defaultPolicy(region: string, account = ACCOUNT): PolicyDocument {
  return {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "Allow use by the app",
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${account}:role/app`] },
        Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
      },
      {
        Sid: "Allow CloudWatch Logs",
        Effect: "Allow",
        Principal: { Service: `logs.${region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: {
            "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:log-group:*`,
          },
        },
      },
    ],
  };
}

export function makeKey(
  region: string,
  overrides: Partial<KeyRecord> = {},
  keyId = MRK,
): KeyRecord {
  const arn = arnOf(region, keyId);
  return {
    account: ACCOUNT,
    region,
    keyId,
    arn,
    metadata: customerKeyMetadata({
      account: ACCOUNT,
      keyId,
      arn: arn,
      description: "payments key",
    }),
    audited: true,
    policy: defaultPolicy(region),
    grants: [],
    aliases: ["alias/payments"],
    tags: { team: "payments", "data-class": "internal" },
    rotation: { enabled: true, periodDays: 365 },
    errors: [],
    ...overrides,
  };
}

/** A multi-Region family: the first region is the primary; MultiRegionConfiguration filled in. */
export function makeMrkFamily(
  regions: string[],
  keyId = MRK,
): { family: Family; keys: KeyRecord[] } {
  const [primary = "us-east-1"] = regions;
  const refs = regions.map((r) => ({ Arn: arnOf(r, keyId), Region: r }));
  const keys = regions.map((region) => {
    const key = makeKey(region, {}, keyId);
    key.metadata.MultiRegionConfiguration = {
      MultiRegionKeyType: region === primary ? "PRIMARY" : "REPLICA",
      PrimaryKey: refs[0],
      ReplicaKeys: refs.slice(1),
    };
    return key;
  });
  const family: Family = {
    id: `${ACCOUNT}:${keyId}`,
    kind: "multi-region",
    account: ACCOUNT,
    name: keyId,
    referenceRegion: primary,
    members: keys.map((k) => ({
      region: k.region,
      keyId: k.keyId,
      arn: k.arn,
      role: k.region === primary ? "primary" : "replica",
    })),
    flags: [],
  };
  return { family, keys };
}

/** An alias family of single-region keys (one key id per region). */
export function makeAliasFamily(
  regions: string[],
  alias = "alias/payments",
): { family: Family; keys: KeyRecord[] } {
  const keys = regions.map((region, i) =>
    makeKey(region, { aliases: [alias] }, `0000000${i}-aaaa-bbbb-cccc-dddddddddddd`),
  );
  for (const k of keys) k.metadata.MultiRegion = false;
  const family: Family = {
    id: `${ACCOUNT}:${alias}`,
    kind: "alias",
    account: ACCOUNT,
    name: alias,
    referenceRegion: [...regions].sort()[0] ?? null,
    members: keys.map((k) => ({ region: k.region, keyId: k.keyId, arn: k.arn, role: "member" })),
    flags: [],
  };
  return { family, keys };
}

/** A two-region family (us-east-1 primary) whose eu-west-1 replica policy is rewritten by `rewrite`. */
export function familyWithReplicaPolicy(
  rewrite: (statements: PolicyStatement[]) => PolicyStatement[],
): { family: Family; keys: KeyRecord[] } {
  const made = makeMrkFamily(["us-east-1", "eu-west-1"]);
  const replica = made.keys.find((k) => k.region === "eu-west-1");
  const statements = replica?.policy?.Statement;
  if (!replica?.policy || statements === undefined) throw new Error("fixture has a replica policy");
  replica.policy.Statement = rewrite(Array.isArray(statements) ? statements : [statements]);
  return made;
}

/** A statement that lets a role no reference statement names decrypt. */
export function decryptFor(role: string, sid = "AllowExport"): PolicyStatement {
  return {
    Sid: sid,
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/${role}` },
    Action: "kms:Decrypt",
    Resource: "*",
  };
}
