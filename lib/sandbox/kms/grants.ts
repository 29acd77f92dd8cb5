import { z } from "zod";
import { formatRootArn } from "../core/arn";
import { createGrantId, createGrantToken } from "../core/ids";
import type { GrantRecord, RegionKey } from "../state/model";
import type { KmsEnv } from "./env";
import { dryRunSucceeded, kmsError, notFound, validationError } from "./errors";
import { assertKeyState } from "./key-state";
import { decodeNameMarker, encodeMarker, formatPage } from "./marker";
import { toEpochSeconds } from "./metadata";
import { resolveKey } from "./resolve-key";
import {
  encryptionContextSchema,
  grantTokensSchema,
  keyIdSchema,
  limitSchema,
  markerSchema,
} from "./schemas";
import { awsPattern, parseInput } from "./validate";

const GRANT_OPERATIONS = [
  "Decrypt",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyWithoutPlaintext",
  "ReEncryptFrom",
  "ReEncryptTo",
  "Sign",
  "Verify",
  "GetPublicKey",
  "CreateGrant",
  "RetireGrant",
  "DescribeKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateMac",
  "VerifyMac",
  "DeriveSharedSecret",
  "Encapsulate",
  "Decapsulate",
] as const;
// Grants per key: 50,000 (resource-limits).
const MAX_GRANTS_PER_KEY = 50_000;
const GRANT_ID = /^[0-9a-f]{64}$/;
const principalSchema = z.string().min(1).max(256);

const createGrantInput = z.object({
  KeyId: keyIdSchema,
  GranteePrincipal: principalSchema.optional(),
  GranteeServicePrincipal: principalSchema.optional(),
  RetiringPrincipal: principalSchema.optional(),
  RetiringServicePrincipal: principalSchema.optional(),
  Operations: z.array(z.enum(GRANT_OPERATIONS)).min(1),
  Constraints: z
    .object({
      EncryptionContextSubset: encryptionContextSchema.optional(),
      EncryptionContextEquals: encryptionContextSchema.optional(),
      SourceArn: z.string().optional(),
    })
    .optional(),
  GrantTokens: grantTokensSchema.optional(),
  Name: z
    .string()
    .min(1)
    .max(256)
    .regex(...awsPattern(/^[a-zA-Z0-9:/_-]+$/, "^[a-zA-Z0-9:/_-]+$"))
    .optional(),
  DryRun: z.boolean().optional(),
});

export function createGrant(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(createGrantInput, input);
  const grantee = req.GranteePrincipal ?? req.GranteeServicePrincipal;
  if (grantee === undefined)
    throw validationError("You must specify either GranteePrincipal or GranteeServicePrincipal.");
  const key = resolveKey(env, req.KeyId, { allowCrossAccount: true });
  assertKeyState("CreateGrant", key);
  if (req.DryRun) throw dryRunSucceeded();
  const token = createGrantToken(env.prng);
  // Same Name and parameters ⇒ the original grant, with a new token (CreateGrantRequest$Name).
  const existing =
    req.Name === undefined
      ? undefined
      : key.grants.find((g) => g.name === req.Name && g.granteePrincipal === grantee);
  if (existing) {
    env.region.grantsByToken.set(token, { key, grant: existing });
    env.audit.responseElements = { grantId: existing.grantId };
    return { GrantToken: token, GrantId: existing.grantId };
  }
  if (key.grants.length >= MAX_GRANTS_PER_KEY)
    throw kmsError("LimitExceededException", `Grants per key quota exceeded for ${key.arn}.`);
  const grant: GrantRecord = {
    grantId: createGrantId(env.prng),
    token,
    name: req.Name ?? "",
    keyArn: key.arn,
    creationDate: env.now,
    granteePrincipal: grantee,
    retiringPrincipal: req.RetiringPrincipal ?? req.RetiringServicePrincipal,
    issuingAccount: formatRootArn(env.ctx.account, key.region),
    operations: req.Operations,
    constraints: req.Constraints,
  };
  key.grants.push(grant);
  env.store.region(key.family.account, key.region).grantsByToken.set(token, { key, grant });
  env.audit.responseElements = { grantId: grant.grantId };
  return { GrantToken: token, GrantId: grant.grantId };
}

const listGrantsInput = z.object({
  KeyId: keyIdSchema,
  Limit: limitSchema.optional(),
  Marker: markerSchema.optional(),
  GrantId: z.string().min(1).max(128).optional(),
  GranteePrincipal: principalSchema.optional(),
});

// Documented Limit range is 1–100, default 50 (the model allows 1000): larger limits are capped.
const MAX_GRANTS_PAGE = 100;

export function listGrants(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(listGrantsInput, input);
  const key = resolveKey(env, req.KeyId, { allowCrossAccount: true });
  if (req.GrantId !== undefined && !GRANT_ID.test(req.GrantId))
    throw kmsError("InvalidGrantIdException", "Invalid grant ID");
  const limit = Math.min(req.Limit ?? 50, MAX_GRANTS_PAGE);
  const matching = key.grants.filter(
    (g) =>
      (req.GrantId === undefined || g.grantId === req.GrantId) &&
      (req.GranteePrincipal === undefined || g.granteePrincipal === req.GranteePrincipal),
  );
  const start =
    req.Marker === undefined
      ? 0
      : findGrantPosition(matching, decodeNameMarker("ListGrants", req.Marker));
  const page = matching.slice(start, start + limit);
  const next = matching[start + limit];
  return formatPage(
    page.map(describeGrant),
    "Grants",
    next === undefined ? undefined : encodeMarker("ListGrants", next.grantId),
  );
}

function findGrantPosition(grants: GrantRecord[], grantId: string): number {
  const index = grants.findIndex((g) => g.grantId === grantId);
  return index < 0 ? grants.length : index;
}

function describeGrant(grant: GrantRecord): Record<string, unknown> {
  return {
    KeyId: grant.keyArn,
    GrantId: grant.grantId,
    Name: grant.name,
    CreationDate: toEpochSeconds(grant.creationDate),
    GranteePrincipal: grant.granteePrincipal,
    ...(grant.retiringPrincipal !== undefined
      ? { RetiringPrincipal: grant.retiringPrincipal }
      : {}),
    IssuingAccount: grant.issuingAccount,
    Operations: grant.operations,
    ...(grant.constraints !== undefined ? { Constraints: grant.constraints } : {}),
  };
}

const revokeGrantInput = z.object({
  KeyId: keyIdSchema,
  GrantId: z.string().min(1).max(128),
  DryRun: z.boolean().optional(),
});

export function revokeGrant(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(revokeGrantInput, input);
  const key = resolveKey(env, req.KeyId, { allowCrossAccount: true });
  removeGrant(env, key, findGrant(key, req.GrantId), req.DryRun);
  return {};
}

const retireGrantInput = z.object({
  GrantToken: z.string().min(1).max(8192).optional(),
  KeyId: keyIdSchema.optional(),
  GrantId: z.string().min(1).max(128).optional(),
  DryRun: z.boolean().optional(),
});

/** RetireGrant by token or by key + grant id; CloudTrail logs `requestParameters: null` for a token. */
export function retireGrant(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(retireGrantInput, input);
  if (req.GrantToken !== undefined) {
    env.audit.requestParameters = null;
    const entry = env.region.grantsByToken.get(req.GrantToken);
    if (!entry) throw kmsError("InvalidGrantTokenException", "Invalid grant token.");
    env.audit.resourceArns = [entry.key.arn];
    removeGrant(env, entry.key, entry.grant, req.DryRun);
    return {};
  }
  if (req.KeyId === undefined || req.GrantId === undefined) {
    throw validationError("You must specify either GrantToken or both KeyId and GrantId.");
  }
  const key = resolveKey(env, req.KeyId, { allowCrossAccount: true });
  removeGrant(env, key, findGrant(key, req.GrantId), req.DryRun);
  return {};
}

function findGrant(key: RegionKey, grantId: string): GrantRecord {
  if (!GRANT_ID.test(grantId)) throw kmsError("InvalidGrantIdException", "Invalid grant ID");
  const grant = key.grants.find((g) => g.grantId === grantId);
  if (!grant) throw notFound(`Grant ID ${grantId} not found for ${key.arn}`);
  return grant;
}

function removeGrant(
  env: KmsEnv,
  key: RegionKey,
  grant: GrantRecord,
  dryRun: boolean | undefined,
): void {
  if (dryRun) throw dryRunSucceeded();
  key.grants.splice(key.grants.indexOf(grant), 1);
  const tokens = env.store.region(key.family.account, key.region).grantsByToken;
  for (const [token, entry] of tokens) if (entry.grant === grant) tokens.delete(token);
}
