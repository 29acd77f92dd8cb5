/** alias name (`alias/app`) → bare key id, for one account and region. */
export type AliasMap = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

function lookupAlias(aliases: AliasMap | undefined, aliasName: string): string | undefined {
  if (!aliases) return undefined;
  if (aliases instanceof Map) return aliases.get(aliasName);
  const record = aliases as Readonly<Record<string, string>>;
  return Object.hasOwn(record, aliasName) ? record[aliasName] : undefined;
}

/**
 * A key reference as callers write it (bare id, key ARN, alias name, alias ARN) → bare key id.
 * Alias references resolve only through the alias map; unknown ones yield undefined.
 */
export function resolveKeyReference(reference: unknown, aliases?: AliasMap): string | undefined {
  if (typeof reference !== "string") return undefined;
  const value = reference.trim();
  if (value === "") return undefined;
  const arn = /^arn:[^:]+:kms:[^:]*:[^:]*:(key|alias)\/(.+)$/.exec(value);
  if (arn) {
    const [, kind, rest = ""] = arn;
    return kind === "key" ? rest : lookupAlias(aliases, `alias/${rest}`);
  }
  if (value.startsWith("alias/")) return lookupAlias(aliases, value);
  return /^[A-Za-z0-9-]+$/.test(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field(source: unknown, ...names: string[]): unknown {
  if (!isObject(source)) return undefined;
  for (const name of names) if (source[name] !== undefined) return source[name];
  return undefined;
}

/**
 * Every key an event touched: `requestParameters` (keyId, targetKeyId, aliasName), the created or
 * replicated key in `responseElements` (CreateKey carries no keyId in its request), and
 * `resources[].ARN`. Key-casing in responseElements is inconsistent across events, so both casings
 * are read.
 */
export function extractKeyIds(
  record: { requestParameters?: unknown; responseElements?: unknown; resources?: unknown },
  aliases?: AliasMap,
): string[] {
  const request = record.requestParameters;
  const response = record.responseElements;
  const references: unknown[] = [
    field(request, "keyId", "KeyId"),
    field(request, "targetKeyId", "TargetKeyId"),
    field(request, "aliasName", "AliasName"),
    field(field(response, "keyMetadata", "KeyMetadata"), "keyId", "KeyId", "arn", "Arn"),
    field(
      field(response, "replicaKeyMetadata", "ReplicaKeyMetadata"),
      "keyId",
      "KeyId",
      "arn",
      "Arn",
    ),
    field(response, "keyId", "KeyId"),
  ];
  if (Array.isArray(record.resources)) {
    for (const resource of record.resources) references.push(field(resource, "ARN", "arn"));
  }
  const ids = references.map((reference) => resolveKeyReference(reference, aliases));
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
