import type { Prng } from "../core/prng";
import type { RegionState } from "../state/model";
import type { StateStore } from "../state/store";
import type { CallContext } from "../types";

/**
 * Extra CloudTrail events one call writes elsewhere (ReplicateKey, UpdatePrimaryRegion:
 * docs/aws-facts.md#cloudtrail-placement).
 */
export interface ExtraEvent {
  region: string;
  eventName: string;
  requestParameters: unknown;
  responseElements?: unknown;
  resourceArns: string[];
  invokedBy?: string;
}

/** What a handler tells the CloudTrail recorder about the call it ran. */
export interface AuditNote {
  resourceArns: string[];
  /** Defaults to the input, camelCased, as sent. */
  requestParameters?: unknown;
  responseElements?: unknown;
  extraEvents: ExtraEvent[];
  /** Set when the key belongs to another account: AWS logs cross-account use in both accounts. */
  ownerAccount?: string;
}

/** Everything an operation handler sees. */
export interface KmsEnv {
  ctx: CallContext;
  operation: string;
  /** The call's instant, epoch ms (the caller's simulated time or the sandbox clock). */
  now: number;
  store: StateStore;
  prng: Prng;
  /** The caller's account in the call's Region. */
  region: RegionState;
  audit: AuditNote;
  isRegionEnabled(account: string, region: string): boolean;
}

export type KmsHandler = (input: unknown, env: KmsEnv) => unknown;
