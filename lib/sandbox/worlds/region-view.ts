import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListGrantsCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";

/** One key as an auditor reads it through the SDK, reduced to comparable values (tests only). */
export interface RegionView {
  region: string;
  state?: string;
  description?: string;
  keySpec?: string;
  keyUsage?: string;
  origin?: string;
  replicaRegions: string[];
  /** Policy by meaning: Sids dropped, own region replaced, statements sorted; or the read error's name. */
  policy: string;
  grants: string;
  aliases: string;
  tags: string;
  rotation: string;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}

export function normalizePolicy(policy: string, region: string): string {
  const doc = JSON.parse(policy.replaceAll(region, "<region>")) as {
    Statement: Record<string, unknown>[];
  };
  return JSON.stringify(
    doc.Statement.map(({ Sid: _sid, ...rest }) => JSON.stringify(sortKeys(rest))).sort(),
  );
}

async function readName<T>(promise: Promise<T>): Promise<T | string> {
  try {
    return await promise;
  } catch (error) {
    return error instanceof Error ? error.name : "unknown";
  }
}

export async function readRegionView(
  kms: KMSClient,
  region: string,
  keyId: string,
): Promise<RegionView> {
  const [meta, policy, grants, aliases, tags, rotation] = await Promise.all([
    kms.send(new DescribeKeyCommand({ KeyId: keyId })),
    readName(kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: "default" }))),
    kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: 100 })),
    kms.send(new ListAliasesCommand({ KeyId: keyId })),
    kms.send(new ListResourceTagsCommand({ KeyId: keyId })),
    readName(kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))),
  ]);
  const m = meta.KeyMetadata;
  return {
    region,
    state: m?.KeyState,
    description: m?.Description,
    keySpec: m?.KeySpec,
    keyUsage: m?.KeyUsage,
    origin: m?.Origin,
    replicaRegions: (m?.MultiRegionConfiguration?.ReplicaKeys ?? [])
      .map((r) => r.Region ?? "")
      .sort(),
    policy: typeof policy === "string" ? policy : normalizePolicy(policy.Policy ?? "{}", region),
    grants: JSON.stringify(
      (grants.Grants ?? [])
        .map((g) =>
          JSON.stringify(
            sortKeys({
              g: g.GranteePrincipal,
              o: [...(g.Operations ?? [])].sort(),
              c: g.Constraints ?? null,
              r: g.RetiringPrincipal ?? null,
            }),
          ),
        )
        .sort(),
    ),
    aliases: JSON.stringify((aliases.Aliases ?? []).map((a) => a.AliasName).sort()),
    tags: JSON.stringify((tags.Tags ?? []).map((t) => `${t.TagKey}=${t.TagValue}`).sort()),
    rotation: typeof rotation === "string" ? rotation : String(rotation.KeyRotationEnabled),
  };
}

export async function listKeyIds(kms: KMSClient): Promise<string[]> {
  const out = await kms.send(new ListKeysCommand({ Limit: 1000 }));
  return (out.Keys ?? []).map((k) => k.KeyId ?? "");
}

export async function findAliasTarget(
  kms: KMSClient,
  aliasName: string,
): Promise<string | undefined> {
  const ids: string[] = [];
  let marker: string | undefined;
  do {
    const out = await kms.send(
      new ListAliasesCommand({ Limit: 100, ...(marker ? { Marker: marker } : {}) }),
    );
    for (const a of out.Aliases ?? [])
      if (a.AliasName === aliasName && a.TargetKeyId) ids.push(a.TargetKeyId);
    marker = out.NextMarker;
  } while (marker);
  return ids[0];
}
