import { z } from "zod";
import { findFirstAtOrAfter } from "../state/store";
import { formatDefaultPolicy } from "./default-policy";
import type { KmsEnv } from "./env";
import { kmsError, unsupported, validationError } from "./errors";
import { addRegionKey, createFamily } from "./key-factory";
import { KEY_SPECS, KEY_USAGES, ORIGINS, allowedUsages } from "./key-spec";
import { assertKeyState } from "./key-state";
import { decodeIndexMarker, encodeMarker, formatPage } from "./marker";
import { describeKeyMetadata } from "./metadata";
import { checkPolicyDocument } from "./policy-document";
import { resolveKey } from "./resolve-key";
import {
  descriptionSchema,
  grantTokensSchema,
  keyIdSchema,
  limitSchema,
  markerSchema,
  policySchema,
  tagsSchema,
} from "./schemas";
import { checkNewTags } from "./tag-rules";
import { parseInput } from "./validate";

const createKeyInput = z.object({
  Policy: policySchema.optional(),
  Description: descriptionSchema.optional(),
  KeyUsage: z.enum(KEY_USAGES).optional(),
  CustomerMasterKeySpec: z.enum(KEY_SPECS).optional(),
  KeySpec: z.enum(KEY_SPECS).optional(),
  Origin: z.enum(ORIGINS).optional(),
  CustomKeyStoreId: z.string().min(1).max(64).optional(),
  BypassPolicyLockoutSafetyCheck: z.boolean().optional(),
  Tags: tagsSchema.optional(),
  MultiRegion: z.boolean().optional(),
  XksKeyId: z.string().min(1).max(128).optional(),
});

export function createKey(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(createKeyInput, input);
  if (req.KeySpec && req.CustomerMasterKeySpec) {
    throw validationError(
      "You cannot specify KeySpec and CustomerMasterKeySpec in the same request. CustomerMasterKeySpec is deprecated.",
    );
  }
  const origin = req.Origin ?? "AWS_KMS";
  if (
    origin === "AWS_CLOUDHSM" ||
    origin === "EXTERNAL_KEY_STORE" ||
    req.CustomKeyStoreId !== undefined
  ) {
    throw unsupported("Custom key stores are not available in the kms-drift sandbox.");
  }
  const keySpec = req.KeySpec ?? req.CustomerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
  const usages = allowedUsages(keySpec);
  const keyUsage = req.KeyUsage ?? usages[0] ?? "ENCRYPT_DECRYPT";
  if (!usages.includes(keyUsage)) {
    throw validationError(`KeyUsage ${keyUsage} is not compatible with KeySpec ${keySpec}`);
  }
  const { account, region } = env.region;
  if (req.Policy !== undefined) checkPolicyDocument(req.Policy);
  checkNewTags(req.Tags ?? []);
  const family = createFamily(env.store, env.prng, {
    account,
    region,
    multiRegion: req.MultiRegion ?? false,
    keySpec,
    keyUsage,
    origin,
    keyManager: "CUSTOMER",
  });
  const key = addRegionKey(env.store, family, {
    region,
    description: req.Description ?? "",
    policy: req.Policy ?? formatDefaultPolicy(account, region),
    tags: req.Tags ?? [],
    now: env.now,
    state: origin === "EXTERNAL" ? "PendingImport" : "Enabled",
  });
  const metadata = describeKeyMetadata(key);
  env.audit.resourceArns = [key.arn];
  env.audit.requestParameters = {
    description: req.Description ?? "",
    ...(req.Policy !== undefined ? { policy: req.Policy } : {}),
    origin,
    bypassPolicyLockoutSafetyCheck: req.BypassPolicyLockoutSafetyCheck ?? false,
    customerMasterKeySpec: keySpec,
    keySpec,
    keyUsage,
    ...(req.Tags
      ? { tags: req.Tags.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue })) }
      : {}),
    ...(req.MultiRegion !== undefined ? { multiRegion: req.MultiRegion } : {}),
  };
  env.audit.responseElements = { keyMetadata: metadata };
  return { KeyMetadata: metadata };
}

const describeKeyInput = z.object({
  KeyId: keyIdSchema,
  GrantTokens: grantTokensSchema.optional(),
});

export function describeKey(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(describeKeyInput, input);
  const key = resolveKey(env, req.KeyId, { allowAlias: true, allowCrossAccount: true });
  return { KeyMetadata: describeKeyMetadata(key) };
}

const listKeysInput = z.object({ Limit: limitSchema.optional(), Marker: markerSchema.optional() });

export function listKeys(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(listKeysInput, input);
  const limit = req.Limit ?? 100;
  const keys = env.region.keys;
  const start =
    req.Marker === undefined
      ? 0
      : findFirstAtOrAfter(keys, decodeIndexMarker("ListKeys", req.Marker));
  const page = keys.slice(start, start + limit);
  const next = keys[start + limit];
  return formatPage(
    page.map((k) => ({ KeyId: k.family.keyId, KeyArn: k.arn })),
    "Keys",
    next === undefined ? undefined : encodeMarker("ListKeys", next.seq),
  );
}

const keyOnlyInput = z.object({ KeyId: keyIdSchema });

export function enableKey(input: unknown, env: KmsEnv): unknown {
  const key = resolveKey(env, parseInput(keyOnlyInput, input).KeyId);
  assertKeyState("EnableKey", key);
  key.state = "Enabled";
  return {};
}

export function disableKey(input: unknown, env: KmsEnv): unknown {
  const key = resolveKey(env, parseInput(keyOnlyInput, input).KeyId);
  assertKeyState("DisableKey", key);
  if (key.family.keyManager === "AWS")
    throw kmsError("NotAuthorizedException", `${key.arn} is an AWS managed key.`);
  key.state = "Disabled";
  return {};
}

const updateDescriptionInput = z.object({ KeyId: keyIdSchema, Description: descriptionSchema });

export function updateKeyDescription(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(updateDescriptionInput, input);
  const key = resolveKey(env, req.KeyId);
  assertKeyState("UpdateKeyDescription", key);
  key.description = req.Description;
  return {};
}
