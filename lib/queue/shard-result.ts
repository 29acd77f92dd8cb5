import { z } from "zod";
import { keyRecordSchema } from "../domain/key-record";
import { REGION_STATUSES, trailCoverageSchema } from "../domain/snapshot";
import { trailEventSchema } from "../domain/trail-event";
import { regionListingSchema } from "./shard-job";

/** What a shard's calls cost its (account, region): the pacer's counters. */
const callStatsSchema = z.strictObject({
  calls: z.number(),
  throttles: z.number(),
  byOperation: z.record(z.string(), z.number()),
  peakInFlight: z.number(),
});
export type ShardCallStats = z.infer<typeof callStatsSchema>;

const regionStatus = z.enum([...REGION_STATUSES, "pending"]);

/**
 * A finished shard, as the worker wrote it and the coordinator reads it back (validated: the
 * table is shared by every worker version that may run). `list`: the region's listing or its
 * failure; `read`: its key records or failure; `trail`: its events and coverage.
 */
export const shardResultSchema = z.discriminatedUnion("wave", [
  z.strictObject({
    wave: z.literal("list"),
    status: regionStatus,
    error: z.string().optional(),
    listing: regionListingSchema.optional(),
    stats: callStatsSchema,
  }),
  z.strictObject({
    wave: z.literal("read"),
    status: regionStatus,
    error: z.string().optional(),
    records: z.array(keyRecordSchema),
    stats: callStatsSchema,
  }),
  z.strictObject({
    wave: z.literal("trail"),
    events: z.array(trailEventSchema),
    coverage: trailCoverageSchema,
    stats: callStatsSchema,
  }),
]);
export type ShardResult = z.infer<typeof shardResultSchema>;
export type ListResult = Extract<ShardResult, { wave: "list" }>;
export type ReadResult = Extract<ShardResult, { wave: "read" }>;
export type TrailResult = Extract<ShardResult, { wave: "trail" }>;
