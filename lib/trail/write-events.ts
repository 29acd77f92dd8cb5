import type { FindingProperty } from "../domain/finding";

/**
 * The KMS write events that change a property kms-drift audits, and which finding properties each
 * can explain. Read events (Decrypt, DescribeKey, …) never explain drift and are never looked up.
 */
export const WRITE_EVENT_PROPERTIES = {
  PutKeyPolicy: ["policy", "readability"],
  CreateGrant: ["grants"],
  RetireGrant: ["grants"],
  RevokeGrant: ["grants"],
  CreateAlias: ["aliases"],
  UpdateAlias: ["aliases"],
  DeleteAlias: ["aliases"],
  EnableKey: ["state"],
  DisableKey: ["state"],
  // A deleted replica leaves the family's replica set, so deletion explains replicaSet too.
  ScheduleKeyDeletion: ["state", "replicaSet"],
  CancelKeyDeletion: ["state", "replicaSet"],
  TagResource: ["tags"],
  UntagResource: ["tags"],
  UpdateKeyDescription: ["description"],
  EnableKeyRotation: ["rotation"],
  DisableKeyRotation: ["rotation"],
  // Logged in the primary key's region; requestParameters.replicaRegion names the new replica.
  // …and, for an unused replica (`usage`), who put its key material there.
  ReplicateKey: ["replicaSet", "residency", "usage"],
  // Logged in the replica's region when ReplicateKey creates it. It fixes spec, usage and origin
  // for good, and a key created with origin EXTERNAL stays PendingImport until material arrives.
  CreateKey: ["replicaSet", "residency", "usage", "keySpec", "keyUsage", "origin", "state"],
  // One event in each of the two regions; the primary moves, so the reference moves with it.
  UpdatePrimaryRegion: ["replicaSet", "state"],
} as const satisfies Record<string, readonly FindingProperty[]>;

export type WriteEventName = keyof typeof WRITE_EVENT_PROPERTIES;

export const WRITE_EVENT_NAMES = Object.keys(WRITE_EVENT_PROPERTIES) as WriteEventName[];

export const KMS_EVENT_SOURCE = "kms.amazonaws.com";

export function isWriteEventName(name: string): name is WriteEventName {
  return Object.hasOwn(WRITE_EVENT_PROPERTIES, name);
}

/** Whether an event of this name can explain a finding about this property. */
export function canExplain(eventName: string, property: FindingProperty): boolean {
  if (!isWriteEventName(eventName)) return false;
  const properties: readonly FindingProperty[] = WRITE_EVENT_PROPERTIES[eventName];
  return properties.includes(property);
}
