export const SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_PROPERTIES = [
  "policy",
  "grants",
  "aliases",
  "state",
  "description",
  "tags",
  "rotation",
  "keySpec",
  "keyUsage",
  "origin",
  "replicaSet",
  "residency",
  "readability",
  "usage",
] as const;
export type FindingProperty = (typeof FINDING_PROPERTIES)[number];

/** A CloudTrail event that can explain a finding, in short. The full event is in `Snapshot.events`. */
export interface AttributionRef {
  eventId: string;
  eventTime: string;
  eventName: string;
  region: string;
  actor: string;
}

export interface WaiverRef {
  reason: string;
  owner: string;
  expires: string;
  /** The waiver's match as written in config (finding id or pattern), for the record. */
  match: string;
}

export interface Finding {
  /** Stable across snapshots: hash of family id + property + region + what differs (see finding-id.ts). */
  id: string;
  familyId: string;
  keyId: string;
  account: string;
  /** The region that differs. */
  region: string;
  referenceRegion: string | null;
  property: FindingProperty;
  severity: Severity;
  title: string;
  expected: unknown;
  actual: unknown;
  detail: unknown;
  /** Newest first. */
  attribution: AttributionRef[];
  /** Why there is no attribution, when there is none (`trail disabled`, `lookup failed in eu-west-1: …`). */
  attributionNote?: string;
  /** AWS CLI commands that would bring the region back to its reference. kms-drift never runs them. */
  remediation: string[];
  waived: boolean;
  waiver?: WaiverRef;
}
