import { z } from "zod";

/** How a worker reaches the account: its own base credentials, or AssumeRole from them. Never secrets. */
const accessSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("base") }),
  z.strictObject({
    kind: z.literal("role"),
    roleArn: z.string().startsWith("arn:"),
    externalId: z.string().optional(),
    stsRegion: z.string().min(1),
  }),
]);

/** A region's listing (lib/domain RegionListing), as jobs and results carry it. */
export const regionListingSchema = z.strictObject({
  account: z.string(),
  region: z.string(),
  keys: z.array(z.strictObject({ keyId: z.string(), arn: z.string() })),
  aliases: z.array(z.strictObject({ name: z.string(), targetKeyId: z.string().optional() })),
  aliasesError: z.strictObject({ code: z.string(), message: z.string() }).optional(),
});

const common = {
  scanId: z.uuid(),
  account: z.string().min(1),
  region: z.string().min(1),
  access: accessSchema,
  /** The scan's deadline (epoch ms): past it a worker records the shard as out of time. */
  deadline: z.number().int(),
  /** Per-operation quota overrides (config `quotas`). */
  quotas: z.record(z.string(), z.number().positive()),
};

/**
 * A shard job: one (account, region) of one wave of one scan. The read shard carries what the
 * coordinator's plan chose and the listing it was planned from; the trail shard its window and
 * the region's aliases.
 */
export const shardJobSchema = z.discriminatedUnion("wave", [
  z.strictObject({ wave: z.literal("list"), ...common }),
  z.strictObject({
    wave: z.literal("read"),
    ...common,
    /** The list shard's status: a refused ListAliases leaves it `partial` with its reason. */
    listed: z.strictObject({
      status: z.enum(["pending", "partial"]),
      error: z.string().optional(),
    }),
    listing: regionListingSchema,
    toRead: z.array(z.strictObject({ keyId: z.string(), arn: z.string() })),
    /** The account's listed regions: multi-Region rotation is read in the primary's, if listed. */
    listedRegions: z.array(z.string()),
    concurrency: z.number().int().min(1).max(256),
    readLastUse: z.boolean(),
  }),
  z.strictObject({
    wave: z.literal("trail"),
    ...common,
    listing: regionListingSchema,
    window: z.strictObject({ from: z.iso.datetime(), to: z.iso.datetime(), clamped: z.boolean() }),
  }),
]);
export type ShardJob = z.infer<typeof shardJobSchema>;
export type ShardWave = ShardJob["wave"];
export type ShardAccess = z.infer<typeof accessSchema>;

/** A shard's key in the results table and in the coordinator's bookkeeping. */
export function shardKey(shard: { wave: string; account: string; region: string }): string {
  return `${shard.wave}|${shard.account}|${shard.region}`;
}
