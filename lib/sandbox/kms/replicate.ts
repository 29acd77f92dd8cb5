import { z } from "zod";
import { formatKeyArn, partitionOf } from "../core/arn";
import { formatDefaultPolicy } from "./default-policy";
import type { KmsEnv } from "./env";
import { kmsError, keyDoesNotExist, unsupported } from "./errors";
import { addRegionKey } from "./key-factory";
import { assertKeyState } from "./key-state";
import { describeKeyMetadata } from "./metadata";
import { checkPolicyDocument } from "./policy-document";
import { resolveKey } from "./resolve-key";
import { descriptionSchema, keyIdSchema, policySchema, regionSchema, tagsSchema } from "./schemas";
import { checkNewTags } from "./tag-rules";
import { parseInput } from "./validate";

const replicateKeyInput = z.object({
  KeyId: keyIdSchema,
  ReplicaRegion: regionSchema,
  Policy: policySchema.optional(),
  BypassPolicyLockoutSafetyCheck: z.boolean().optional(),
  Description: descriptionSchema.optional(),
  Tags: tagsSchema.optional(),
});

/**
 * ReplicateKey, called in the primary's Region. The replica gets only what the request gives it:
 * default policy, no tags, empty description otherwise (docs/aws-facts.md#multi-region). The
 * sandbox makes the replica usable at once but answers as AWS does, with `KeyState: Creating`,
 * `Enabled: false` and no `CurrentKeyMaterialId`; DescribeKey in the replica Region then shows it
 * Enabled.
 */
export function replicateKey(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(replicateKeyInput, input);
  const key = resolveKey(env, req.KeyId);
  const { family } = key;
  if (!family.multiRegion)
    throw unsupported(`Unable to replicate a non-MultiRegion key ${family.keyId}`);
  if (family.primaryRegion !== key.region)
    throw unsupported(`${key.arn} is not a multi-region primary key.`);
  assertKeyState("ReplicateKey", key);
  const target = req.ReplicaRegion;
  const replicaArn = formatKeyArn(target, family.account, family.keyId);
  if (partitionOf(target) !== partitionOf(key.region)) {
    throw unsupported(
      `Replica Region ${target} is not in the partition of the primary key's Region ${key.region}.`,
    );
  }
  if (family.regions.includes(target))
    throw kmsError("AlreadyExistsException", `Replica key ${replicaArn} already exists.`);
  if (!env.isRegionEnabled(family.account, target)) {
    throw unsupported(`Region ${target} is not enabled for account ${family.account}.`);
  }
  if (req.Policy !== undefined) checkPolicyDocument(req.Policy);
  checkNewTags(req.Tags ?? []);
  const policy = req.Policy ?? formatDefaultPolicy(family.account, target);
  const replica = addRegionKey(env.store, family, {
    region: target,
    description: req.Description ?? "",
    policy,
    tags: req.Tags ?? [],
    now: env.now,
    state: family.origin === "EXTERNAL" ? "PendingImport" : "Enabled",
  });
  const metadata = describeKeyMetadata(replica);
  if (family.origin !== "EXTERNAL") {
    metadata.KeyState = "Creating";
    metadata.Enabled = false;
  }
  delete metadata.CurrentKeyMaterialId;
  const replicaTags = (req.Tags ?? []).map((t) => ({ TagKey: t.TagKey, TagValue: t.TagValue }));
  env.audit.responseElements = { replicaKeyMetadata: metadata, replicaPolicy: policy };
  env.audit.extraEvents.push({
    region: target,
    eventName: "CreateKey",
    invokedBy: "kms.amazonaws.com",
    requestParameters: {
      description: req.Description ?? "",
      policy,
      bypassPolicyLockoutSafetyCheck: req.BypassPolicyLockoutSafetyCheck ?? false,
      origin: family.origin,
      customerMasterKeySpec: family.keySpec,
      keySpec: family.keySpec,
      keyUsage: family.keyUsage,
      multiRegion: true,
      tags: replicaTags.map((t) => ({ tagKey: t.TagKey, tagValue: t.TagValue })),
    },
    responseElements: { keyMetadata: metadata },
    resourceArns: [replicaArn],
  });
  return { ReplicaKeyMetadata: metadata, ReplicaPolicy: policy, ReplicaTags: replicaTags };
}

const updatePrimaryRegionInput = z.object({ KeyId: keyIdSchema, PrimaryRegion: regionSchema });

/**
 * UpdatePrimaryRegion, called in the current primary's Region. The sandbox flips at once (no
 * transient `Updating`); one CloudTrail event per Region, the new primary's without resources and
 * `invokedBy: kms.amazonaws.com` (docs/aws-facts.md#cloudtrail-placement).
 */
export function updatePrimaryRegion(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(updatePrimaryRegionInput, input);
  const key = resolveKey(env, req.KeyId);
  const { family } = key;
  if (!family.multiRegion) throw unsupported(`${key.arn} is not a multi-Region key.`);
  if (family.primaryRegion !== key.region)
    throw unsupported(`${key.arn} is not a multi-region primary key.`);
  assertKeyState("UpdatePrimaryRegion", key);
  const target = req.PrimaryRegion;
  if (target === key.region) return {};
  const newPrimary = env.store.region(family.account, target).keysById.get(family.keyId);
  if (!newPrimary) throw keyDoesNotExist(formatKeyArn(target, family.account, family.keyId));
  assertKeyState("UpdatePrimaryRegion", newPrimary);
  family.primaryRegion = target;
  env.audit.extraEvents.push({
    region: target,
    eventName: "UpdatePrimaryRegion",
    invokedBy: "kms.amazonaws.com",
    requestParameters: { keyId: newPrimary.arn, primaryRegion: target },
    resourceArns: [],
  });
  return {};
}
