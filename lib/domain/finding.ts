import { z } from "zod";
import {
  FINDING_DETAIL_SCHEMAS,
  waiverRefSchema,
  type FindingDetailOf,
  type WaiverRef,
} from "./finding-detail";

export type { WaiverRef };

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
export const attributionRefSchema = z.strictObject({
  eventId: z.string(),
  eventTime: z.string(),
  eventName: z.string(),
  region: z.string(),
  actor: z.string(),
});
export type AttributionRef = z.infer<typeof attributionRefSchema>;

/** What every finding has, whatever its property. */
const findingBaseSchema = z.strictObject({
  /** Stable across snapshots: hash of family id + property + region + what differs (see finding-id.ts). */
  id: z.string(),
  familyId: z.string(),
  keyId: z.string(),
  account: z.string(),
  /** The region that differs. */
  region: z.string(),
  referenceRegion: z.string().nullable(),
  severity: z.enum(SEVERITIES),
  title: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  /** Newest first. */
  attribution: z.array(attributionRefSchema),
  /** Why there is no attribution, when there is none (`trail disabled`, `lookup failed in eu-west-1: …`). */
  attributionNote: z.string().optional(),
  /** AWS CLI commands that would bring the region back to its reference. kms-drift never runs them. */
  remediation: z.array(z.string()),
  waived: z.boolean(),
  waiver: waiverRefSchema.optional(),
});

/** The fields every finding has, whatever its property. */
export type FindingBase = z.infer<typeof findingBaseSchema>;

/** A finding about property `P`: its `detail` is the one that property's detectors write. */
export type FindingOf<P extends FindingProperty> = FindingBase & {
  property: P;
  detail: FindingDetailOf<P>;
};

/** A finding, discriminated by `property`. */
export type Finding = { [P in FindingProperty]: FindingOf<P> }[FindingProperty];

function findingSchemaOf<P extends FindingProperty>(property: P) {
  return findingBaseSchema.extend({
    property: z.literal(property),
    detail: FINDING_DETAIL_SCHEMAS[property],
  });
}

/** A stored finding, checked by its property's detail schema. */
export const findingSchema: z.ZodType<Finding> = z.discriminatedUnion("property", [
  findingSchemaOf("policy"),
  findingSchemaOf("grants"),
  findingSchemaOf("aliases"),
  findingSchemaOf("state"),
  findingSchemaOf("description"),
  findingSchemaOf("tags"),
  findingSchemaOf("rotation"),
  findingSchemaOf("keySpec"),
  findingSchemaOf("keyUsage"),
  findingSchemaOf("origin"),
  findingSchemaOf("replicaSet"),
  findingSchemaOf("residency"),
  findingSchemaOf("readability"),
  findingSchemaOf("usage"),
]);
