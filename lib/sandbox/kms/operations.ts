import { createAlias, deleteAlias, listAliases, updateAlias } from "./aliases";
import { decrypt, encrypt, generateDataKey } from "./crypto";
import { cancelKeyDeletion, scheduleKeyDeletion } from "./deletion";
import type { KmsHandler } from "./env";
import { createGrant, listGrants, retireGrant, revokeGrant } from "./grants";
import {
  createKey,
  describeKey,
  disableKey,
  enableKey,
  listKeys,
  updateKeyDescription,
} from "./keys";
import { getKeyLastUsage } from "./last-usage";
import { getKeyPolicy, listKeyPolicies, putKeyPolicy } from "./policy";
import { replicateKey, updatePrimaryRegion } from "./replicate";
import {
  disableKeyRotation,
  enableKeyRotation,
  getKeyRotationStatus,
  listKeyRotations,
} from "./rotation";
import { listResourceTags, tagResource, untagResource } from "./tags";

/**
 * `write` calls get a CloudTrail management event (readOnly false), `crypto` calls one with
 * readOnly true; `read` calls (Describe/List/Get) are not recorded, to keep history volume sane.
 */
export type OperationKind = "read" | "write" | "crypto";

export const KMS_OPERATIONS: Record<string, { handler: KmsHandler; kind: OperationKind }> = {
  CreateKey: { handler: createKey, kind: "write" },
  ReplicateKey: { handler: replicateKey, kind: "write" },
  UpdatePrimaryRegion: { handler: updatePrimaryRegion, kind: "write" },
  DescribeKey: { handler: describeKey, kind: "read" },
  ListKeys: { handler: listKeys, kind: "read" },
  EnableKey: { handler: enableKey, kind: "write" },
  DisableKey: { handler: disableKey, kind: "write" },
  UpdateKeyDescription: { handler: updateKeyDescription, kind: "write" },
  GetKeyPolicy: { handler: getKeyPolicy, kind: "read" },
  GetKeyLastUsage: { handler: getKeyLastUsage, kind: "read" },
  PutKeyPolicy: { handler: putKeyPolicy, kind: "write" },
  ListKeyPolicies: { handler: listKeyPolicies, kind: "read" },
  CreateGrant: { handler: createGrant, kind: "write" },
  ListGrants: { handler: listGrants, kind: "read" },
  RevokeGrant: { handler: revokeGrant, kind: "write" },
  RetireGrant: { handler: retireGrant, kind: "write" },
  CreateAlias: { handler: createAlias, kind: "write" },
  UpdateAlias: { handler: updateAlias, kind: "write" },
  DeleteAlias: { handler: deleteAlias, kind: "write" },
  ListAliases: { handler: listAliases, kind: "read" },
  ScheduleKeyDeletion: { handler: scheduleKeyDeletion, kind: "write" },
  CancelKeyDeletion: { handler: cancelKeyDeletion, kind: "write" },
  TagResource: { handler: tagResource, kind: "write" },
  UntagResource: { handler: untagResource, kind: "write" },
  ListResourceTags: { handler: listResourceTags, kind: "read" },
  EnableKeyRotation: { handler: enableKeyRotation, kind: "write" },
  DisableKeyRotation: { handler: disableKeyRotation, kind: "write" },
  GetKeyRotationStatus: { handler: getKeyRotationStatus, kind: "read" },
  ListKeyRotations: { handler: listKeyRotations, kind: "read" },
  Encrypt: { handler: encrypt, kind: "crypto" },
  Decrypt: { handler: decrypt, kind: "crypto" },
  GenerateDataKey: { handler: generateDataKey, kind: "crypto" },
};
