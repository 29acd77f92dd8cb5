import { z } from "zod";
import type { FindingProperty } from "./finding";
import { grantSchema, keyStateSchema, READ_ERROR_PROPERTIES } from "./key-record";
import {
  deltaEntrySchema,
  grantDeltaEntrySchema,
  statementDiffSchema,
  verdictSchema,
} from "./policy-evidence";
import { selectorSchema } from "./selector";

/**
 * `Finding.detail`, one schema per property: what the drift stage found, for the pages, the API
 * and the exports. Every detail names the severity-table `rule` that judged it (config `severity[]`
 * overrides by it). Any finding can also be the "waiver expired" notice of one a waiver covered.
 */

/** A waiver that covers (or covered) a finding, as the finding records it. */
export const waiverRefSchema = z.strictObject({
  reason: z.string(),
  owner: z.string(),
  expires: z.string(),
  /** The waiver's match as written in config (finding id or pattern), for the record. */
  match: z.string(),
});
export type WaiverRef = z.infer<typeof waiverRefSchema>;

const waiverExpiredSchema = z.strictObject({
  rule: z.literal("waiver-expired"),
  /** The finding the waiver covered. */
  findingId: z.string(),
  waiver: waiverRefSchema,
});

/** A principal class that can no longer use the key in a region as it can in the reference. */
export const drReadinessGapSchema = z.strictObject({
  /** The principal class in words (`role/app of account 111122223333`). */
  principal: z.string(),
  region: z.string(),
  missing: z.array(z.string()),
  /** `policy`: the region's key policy does not let it; `key-state`: the key is not usable at all. */
  reason: z.enum(["policy", "key-state"]),
  /** With `key-state`: the region's key state (`Disabled`, `PendingDeletion`…). */
  keyState: z.string().optional(),
});
export type DrReadinessGap = z.infer<typeof drReadinessGapSchema>;

const policyDetailSchema = z.strictObject({
  rule: z.enum([
    "deny-removed",
    "admin-granted",
    "wider-access",
    "incomparable-access",
    "narrower-access",
    "policy-undecidable",
    "policy-text-only",
  ]),
  /** `us-east-1` or `the baseline`: what the region is compared with, in words. */
  comparedWith: z.string(),
  verdict: verdictSchema,
  /** The access delta by meaning (at most 200 entries), every entry with its witness request. */
  delta: z.array(deltaEntrySchema),
  deltaTotal: z.number().int().nonnegative(),
  /** The same entries in words, witness included. */
  accessChanges: z.array(z.string()),
  /** The statement diff: explanation only, the verdict is by meaning. */
  statements: statementDiffSchema,
  undecidable: z.array(z.string()).optional(),
  drReadiness: z.array(drReadinessGapSchema).optional(),
  /** A baseline comparison: the index of the config baseline and its selector. */
  baseline: z.number().int().nonnegative().optional(),
  selector: selectorSchema.optional(),
});

/** A grant as a finding lists it (without issuing details). */
export const grantSummarySchema = grantSchema.pick({
  grantId: true,
  name: true,
  granteePrincipal: true,
  operations: true,
  retiringPrincipal: true,
  constraints: true,
});
export type GrantSummary = z.infer<typeof grantSummarySchema>;

const grantsDetailSchema = z.strictObject({
  rule: z.enum(["grants-wider", "grants-narrower", "service-grants"]),
  verdict: z.enum(["wider", "narrower", "incomparable"]),
  delta: z.array(grantDeltaEntrySchema),
  missing: z.array(grantSummarySchema),
  extra: z.array(grantSummarySchema),
  serviceGrants: z.boolean(),
  note: z.string().optional(),
});

const aliasesDetailSchema = z.union([
  z.strictObject({ rule: z.literal("alias-missing"), missing: z.array(z.string()) }),
  z.strictObject({ rule: z.literal("alias-extra"), extra: z.array(z.string()) }),
]);

const stateDetailSchema = z.strictObject({
  rule: z.enum(["replica-unusable", "reference-unusable", "state-differs", "state-transient"]),
  referenceState: keyStateSchema,
  state: keyStateSchema,
  deletionDate: z.string().optional(),
});

const descriptionDetailSchema = z.strictObject({ rule: z.literal("description") });

const tagsDetailSchema = z.strictObject({
  rule: z.literal("tags"),
  added: z.array(z.strictObject({ key: z.string(), value: z.string() })),
  removed: z.array(z.strictObject({ key: z.string(), value: z.string() })),
  changed: z.array(z.strictObject({ key: z.string(), expected: z.string(), actual: z.string() })),
});

/** In a multi-Region family KMS keeps these in sync (`shared`: a difference is lag). */
const sharedRule = z.enum(["shared-lag", "independent-shared"]);
const rotationDetailSchema = z.strictObject({ rule: sharedRule, shared: z.boolean() });
const keyPropertyDetailSchema = z.strictObject({
  rule: sharedRule,
  shared: z.boolean(),
  note: z.string(),
});

const replicaSetDetailSchema = z.union([
  z.strictObject({
    rule: z.enum(["replica-set", "replica-set-updating"]),
    kind: z.enum(["listed-not-found", "found-not-listed"]),
    primaryRegion: z.string(),
    updating: z.boolean(),
  }),
  z.strictObject({
    rule: z.literal("expected-replicas"),
    kind: z.enum(["expected-missing", "unexpected"]),
    declared: z.array(z.string()),
  }),
  z.strictObject({
    rule: z.enum(["replica-set", "replica-set-updating"]),
    referenceUnknown: z.literal(true),
    flags: z.array(z.string()),
  }),
]);

const residencyDetailSchema = z.strictObject({
  rule: z.literal("residency"),
  residencyRule: z.string(),
  allowedRegions: z.array(z.string()),
  role: z.enum(["primary", "replica", "member"]),
});

const readabilityDetailSchema = z.union([
  z.strictObject({ rule: z.literal("readability"), unread: z.literal("record"), arn: z.string() }),
  z.strictObject({
    rule: z.literal("readability"),
    unread: z.enum(READ_ERROR_PROPERTIES),
    code: z.string(),
    message: z.string(),
    note: z.string(),
  }),
  /** "could not compare": the family's reference region was not read. */
  z.strictObject({
    rule: z.literal("readability"),
    unread: z.literal("reference-region"),
    referenceRegion: z.string(),
    reason: z.string(),
    note: z.string(),
  }),
]);

const usageDetailSchema = z.strictObject({
  rule: z.literal("replica-dormant"),
  trackingStartDate: z.string(),
  createdBeforeTracking: z.boolean(),
  dormantAfterDays: z.number().int().positive(),
  caveat: z.string().optional(),
  note: z.string(),
});

const withWaiverExpired = <T extends z.ZodType>(schema: T) =>
  z.union([schema, waiverExpiredSchema]);

/** The detail schema of each finding property. */
export const FINDING_DETAIL_SCHEMAS = {
  policy: withWaiverExpired(policyDetailSchema),
  grants: withWaiverExpired(grantsDetailSchema),
  aliases: withWaiverExpired(aliasesDetailSchema),
  state: withWaiverExpired(stateDetailSchema),
  description: withWaiverExpired(descriptionDetailSchema),
  tags: withWaiverExpired(tagsDetailSchema),
  rotation: withWaiverExpired(rotationDetailSchema),
  keySpec: withWaiverExpired(keyPropertyDetailSchema),
  keyUsage: withWaiverExpired(keyPropertyDetailSchema),
  origin: withWaiverExpired(keyPropertyDetailSchema),
  replicaSet: withWaiverExpired(replicaSetDetailSchema),
  residency: withWaiverExpired(residencyDetailSchema),
  readability: withWaiverExpired(readabilityDetailSchema),
  usage: withWaiverExpired(usageDetailSchema),
} satisfies Record<FindingProperty, z.ZodType>;

type DetailSchemas = typeof FINDING_DETAIL_SCHEMAS;
/** The detail of a finding about `P`. */
export type FindingDetailOf<P extends FindingProperty> = z.infer<DetailSchemas[P]>;
/** The detail a drift detector writes for `P` (its own variants, not the waiver notice). */
export type DrawnDetailOf<P extends FindingProperty> = Exclude<
  FindingDetailOf<P>,
  { rule: "waiver-expired" }
>;
export type PolicyDetail = z.infer<typeof policyDetailSchema>;
export type ResidencyDetail = z.infer<typeof residencyDetailSchema>;
/** Every rule a finding can be judged by: the severity table has exactly these. */
export type FindingRule = FindingDetailOf<FindingProperty>["rule"];
