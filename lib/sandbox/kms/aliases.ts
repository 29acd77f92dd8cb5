import { z } from "zod";
import { formatAliasArn } from "../core/arn";
import { findNameIndex, putAlias, removeAlias, sortedAliasNames } from "../state/store";
import type { AliasRecord, RegionKey, RegionState } from "../state/model";
import type { KmsEnv } from "./env";
import { invalidState, kmsError, notFound, validationError } from "./errors";
import { assertKeyState } from "./key-state";
import { decodeNameMarker, encodeMarker, formatPage } from "./marker";
import { toEpochSeconds } from "./metadata";
import { PREDEFINED_ALIASES } from "./predefined-aliases";
import { resolveKey } from "./resolve-key";
import { keyIdSchema, limitSchema, markerSchema } from "./schemas";
import { awsPattern, parseInput } from "./validate";

const aliasNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(...awsPattern(/^[a-zA-Z0-9:/_-]+$/, "^[a-zA-Z0-9:/_-]+$"));
// Aliases per key: 50 (resource-limits).
const MAX_ALIASES_PER_KEY = 50;

function checkAliasName(env: KmsEnv, name: string): string {
  if (!name.startsWith("alias/")) {
    throw validationError(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  const arn = formatAliasArn(env.region.region, env.region.account, name);
  if (name.startsWith("alias/aws/")) {
    throw kmsError(
      "NotAuthorizedException",
      `${env.ctx.principalArn} is not authorized to perform: kms:${env.operation} on resource: ${arn}`,
    );
  }
  return arn;
}

function findAlias(env: KmsEnv, name: string, arn: string): AliasRecord {
  const alias = env.region.aliases.get(name);
  if (!alias) throw notFound(`Alias ${arn} is not found.`);
  return alias;
}

const aliasTargetInput = z.object({ AliasName: aliasNameSchema, TargetKeyId: keyIdSchema });

export function createAlias(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(aliasTargetInput, input);
  const arn = checkAliasName(env, req.AliasName);
  const key = resolveKey(env, req.TargetKeyId);
  env.audit.resourceArns = [arn, key.arn];
  assertKeyState("CreateAlias", key);
  if (env.region.aliases.has(req.AliasName))
    throw kmsError("AlreadyExistsException", `An alias with the name ${arn} already exists`);
  if (key.aliases.size >= MAX_ALIASES_PER_KEY)
    throw kmsError(
      "LimitExceededException",
      `Aliases per key quota (${MAX_ALIASES_PER_KEY}) exceeded for ${key.arn}.`,
    );
  putAlias(env.region, {
    name: req.AliasName,
    arn,
    targetKeyId: key.family.keyId,
    creationDate: env.now,
    lastUpdatedDate: env.now,
  });
  key.aliases.add(req.AliasName);
  return {};
}

export function updateAlias(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(aliasTargetInput, input);
  const arn = checkAliasName(env, req.AliasName);
  const alias = findAlias(env, req.AliasName, arn);
  const key = resolveKey(env, req.TargetKeyId);
  env.audit.resourceArns = [arn, key.arn];
  if (key.state === "PendingDeletion" || key.state === "PendingReplicaDeletion")
    throw invalidState(`${key.arn} is pending deletion.`);
  const current =
    alias.targetKeyId === undefined ? undefined : env.region.keysById.get(alias.targetKeyId);
  if (current && !isSameKind(current, key)) {
    throw validationError(
      `${key.arn} has a different key spec or key usage than the alias's current key ${current.arn}.`,
    );
  }
  current?.aliases.delete(req.AliasName);
  putAlias(env.region, { ...alias, targetKeyId: key.family.keyId, lastUpdatedDate: env.now });
  key.aliases.add(req.AliasName);
  return {};
}

function isSameKind(a: RegionKey, b: RegionKey): boolean {
  const kind = (k: RegionKey) =>
    k.family.keySpec === "SYMMETRIC_DEFAULT"
      ? "sym"
      : k.family.keySpec.startsWith("HMAC_")
        ? "hmac"
        : "asym";
  return kind(a) === kind(b) && a.family.keyUsage === b.family.keyUsage;
}

const deleteAliasInput = z.object({ AliasName: aliasNameSchema });

export function deleteAlias(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(deleteAliasInput, input);
  const arn = checkAliasName(env, req.AliasName);
  const alias = findAlias(env, req.AliasName, arn);
  const target =
    alias.targetKeyId === undefined ? undefined : env.region.keysById.get(alias.targetKeyId);
  env.audit.resourceArns = target ? [arn, target.arn] : [arn];
  removeAlias(env.region, req.AliasName);
  return {};
}

const listAliasesInput = z.object({
  KeyId: keyIdSchema.optional(),
  Limit: limitSchema.optional(),
  Marker: markerSchema.optional(),
});

// Documented Limit range is 1–100, default 50 (the model allows 1000): larger limits are capped.
const MAX_ALIAS_PAGE = 100;

export function listAliases(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(listAliasesInput, input);
  const limit = Math.min(req.Limit ?? 50, MAX_ALIAS_PAGE);
  const from = req.Marker === undefined ? "" : decodeNameMarker("ListAliases", req.Marker);
  const names =
    req.KeyId === undefined
      ? collectRegionNames(env.region, from, limit + 1)
      : collectKeyNames(env, req.KeyId, from, limit + 1);
  const page = names.slice(0, limit).map((name) => describeAlias(env.region, name));
  const next = names[limit];
  return formatPage(
    page,
    "Aliases",
    next === undefined ? undefined : encodeMarker("ListAliases", next),
  );
}

/** Up to `count` names ≥ `from`: the Region's aliases merged with not-yet-used predefined ones, without a scan. */
function collectRegionNames(region: RegionState, from: string, count: number): string[] {
  const out: string[] = [];
  const sorted = sortedAliasNames(region);
  let i = findNameIndex(sorted, from);
  const virtual = PREDEFINED_ALIASES.filter((name) => name >= from && !region.aliases.has(name));
  let j = 0;
  while (out.length < count) {
    const a = sorted[i];
    const b = virtual[j];
    if (a === undefined && b === undefined) break;
    if (b === undefined || (a !== undefined && a < b)) {
      out.push(a ?? "");
      i++;
    } else {
      out.push(b);
      j++;
    }
  }
  return out;
}

function collectKeyNames(env: KmsEnv, keyId: string, from: string, count: number): string[] {
  const key = resolveKey(env, keyId);
  return [...key.aliases]
    .filter((name) => name >= from)
    .sort()
    .slice(0, count);
}

function describeAlias(region: RegionState, name: string): Record<string, unknown> {
  const alias = region.aliases.get(name);
  const arn = alias?.arn ?? formatAliasArn(region.region, region.account, name);
  if (!alias || alias.targetKeyId === undefined) return { AliasName: name, AliasArn: arn };
  return {
    AliasName: name,
    AliasArn: arn,
    TargetKeyId: alias.targetKeyId,
    ...(alias.creationDate !== undefined
      ? { CreationDate: toEpochSeconds(alias.creationDate) }
      : {}),
    ...(alias.lastUpdatedDate !== undefined
      ? { LastUpdatedDate: toEpochSeconds(alias.lastUpdatedDate) }
      : {}),
  };
}
