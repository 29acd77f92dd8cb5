import { z } from "zod";
import type { Actor } from "./actors";
import type { CallResult, WorldWriter } from "./writer";

/** Typed wrappers over the KMS operations world builders use (inputs and outputs in AWS's shapes). */

const keyMetadataOutput = z.object({
  KeyMetadata: z.object({ KeyId: z.string(), Arn: z.string() }),
});
const replicaOutput = z.object({
  ReplicaKeyMetadata: z.object({ KeyId: z.string(), Arn: z.string() }),
});

export interface CreatedKey {
  keyId: string;
  arn: string;
  time: Date;
}

export type Tags = Record<string, string>;

export function toTagList(tags: Tags): { TagKey: string; TagValue: string }[] {
  return Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}

export interface CreateKeyInput {
  policy: string;
  description: string;
  tags: Tags;
  multiRegion: boolean;
  keySpec?: string;
  keyUsage?: string;
  origin?: string;
}

export function createKey(
  w: WorldWriter,
  actor: Actor,
  region: string,
  input: CreateKeyInput,
): CreatedKey {
  const { output, time } = w.call(actor, region, "CreateKey", {
    Policy: input.policy,
    Description: input.description,
    Tags: toTagList(input.tags),
    MultiRegion: input.multiRegion,
    ...(input.keySpec ? { KeySpec: input.keySpec } : {}),
    ...(input.keyUsage ? { KeyUsage: input.keyUsage } : {}),
    ...(input.origin ? { Origin: input.origin } : {}),
  });
  const meta = keyMetadataOutput.parse(output).KeyMetadata;
  return { keyId: meta.KeyId, arn: meta.Arn, time };
}

export function replicateKey(
  w: WorldWriter,
  actor: Actor,
  primaryRegion: string,
  keyId: string,
  replicaRegion: string,
  input: { policy: string; description: string; tags: Tags },
): CreatedKey {
  const { output, time } = w.call(actor, primaryRegion, "ReplicateKey", {
    KeyId: keyId,
    ReplicaRegion: replicaRegion,
    Policy: input.policy,
    Description: input.description,
    Tags: toTagList(input.tags),
  });
  const meta = replicaOutput.parse(output).ReplicaKeyMetadata;
  return { keyId: meta.KeyId, arn: meta.Arn, time };
}

export interface GrantSpec {
  name: string;
  grantee: string;
  operations: string[];
  retiring?: string;
  constraints?: {
    EncryptionContextSubset?: Record<string, string>;
    EncryptionContextEquals?: Record<string, string>;
  };
}

export function createGrant(
  w: WorldWriter,
  actor: Actor,
  region: string,
  keyId: string,
  grant: GrantSpec,
): CallResult {
  return w.call(actor, region, "CreateGrant", {
    KeyId: keyId,
    GranteePrincipal: grant.grantee,
    Operations: grant.operations,
    Name: grant.name,
    ...(grant.retiring ? { RetiringPrincipal: grant.retiring } : {}),
    ...(grant.constraints ? { Constraints: grant.constraints } : {}),
  });
}

export function createAlias(
  w: WorldWriter,
  actor: Actor,
  region: string,
  aliasName: string,
  keyId: string,
): CallResult {
  return w.call(actor, region, "CreateAlias", { AliasName: aliasName, TargetKeyId: keyId });
}
