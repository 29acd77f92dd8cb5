/**
 * The sandbox's in-memory KMS state. Shared multi-Region properties live once in a `KeyFamily`
 * (material, spec, usage, origin, rotation, primary designation); everything AWS keeps per Region
 * (state, description, policy, tags, grants, aliases) lives in the per-Region `RegionKey`.
 * `MultiRegionConfiguration` is never stored: it is rebuilt from the family on every read, so the
 * Regions of a family can never disagree (or alias each other's objects, as moto does).
 */
import type { KeyState } from "@aws-sdk/client-kms";

// The emulator speaks the SDK's vocabulary, not the scanner's: it must not agree with a scanner bug.
export type { KeyState };

export interface RotationRecord {
  date: number;
  type: "AUTOMATIC" | "ON_DEMAND";
  keyMaterialId: string;
}

export interface KeyFamily {
  keyId: string;
  account: string;
  multiRegion: boolean;
  primaryRegion: string;
  /** Every Region holding a key of the family, in replication order (the primary's first at creation). */
  regions: string[];
  keySpec: string;
  keyUsage: string;
  origin: string;
  keyManager: "CUSTOMER" | "AWS";
  /** Undefined while the material is not imported (Origin EXTERNAL). */
  material?: Buffer;
  keyMaterialId?: string;
  rotation: {
    enabled: boolean;
    periodDays: number;
    /** Epoch ms of the next automatic rotation while enabled. */
    nextRotation?: number;
    history: RotationRecord[];
  };
}

export interface GrantRecord {
  grantId: string;
  token: string;
  name: string;
  keyArn: string;
  creationDate: number;
  granteePrincipal?: string;
  retiringPrincipal?: string;
  issuingAccount: string;
  operations: string[];
  constraints?: Record<string, unknown>;
}

export interface PolicyStatement {
  effect: "Allow" | "Deny";
  principals: string[];
  actions: RegExp[];
  resources: RegExp[];
}

export interface RegionKey {
  family: KeyFamily;
  region: string;
  arn: string;
  /** Position in the Region's creation order (ListKeys markers point at it). */
  seq: number;
  state: KeyState;
  description: string;
  policy: string;
  /** Statements without a Condition, parsed on first use after the policy is set. */
  statements?: PolicyStatement[];
  tags: Map<string, string>;
  creationDate: number;
  deletionDate?: number;
  pendingWindowDays?: number;
  grants: GrantRecord[];
  aliases: Set<string>;
  /** The last successful cryptographic operation with this key in this Region (GetKeyLastUsage). */
  lastUsage?: KeyUseRecord;
}

/** One successful cryptographic use; each Region of a multi-Region key tracks its own. */
export interface KeyUseRecord {
  operation: string;
  /** Epoch ms, whole seconds (the CloudTrail event's time). */
  time: number;
  cloudTrailEventId: string;
  requestId: string;
}

export interface AliasRecord {
  name: string;
  arn: string;
  targetKeyId?: string;
  creationDate?: number;
  lastUpdatedDate?: number;
}

export interface RegionState {
  account: string;
  region: string;
  /** Keys sorted by `seq` (creation order). */
  keys: RegionKey[];
  keysById: Map<string, RegionKey>;
  nextSeq: number;
  aliases: Map<string, AliasRecord>;
  /** Alias names; in sort order whenever `aliasNamesSorted` (ListAliases markers are names). */
  aliasNames: string[];
  aliasNamesSorted: boolean;
  grantsByToken: Map<string, { key: RegionKey; grant: GrantRecord }>;
}

export interface AccountState {
  id: string;
  families: Map<string, KeyFamily>;
  regions: Map<string, RegionState>;
}
