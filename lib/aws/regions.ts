import { isKnownRegion, regionsOfPartition } from "../domain/regions";

// Region facts live in lib/domain/regions.ts; the scanner resolves its `--regions` against them.
export {
  isKnownRegion,
  isOptInRegion,
  partitionOf,
  regionsOfPartition as listPartitionRegions,
} from "../domain/regions";

export class UnknownRegionError extends Error {
  override readonly name = "UnknownRegionError";
}

/**
 * Validates a region list against the region table; `all` is every Region of the partition, the
 * ones enabled by default first. The scanner does not call account:ListRegions (it would need one
 * more IAM permission): an opt-in Region the account has not enabled answers
 * UnrecognizedClientException and is recorded as `not-enabled` (docs/aws-facts.md#opt-in-regions).
 */
export function resolveRegions(regions: readonly string[] | "all", partition: string): string[] {
  if (regions === "all") return regionsOfPartition(partition);
  const unknown = regions.find((region) => !isKnownRegion(region));
  if (unknown !== undefined) throw new UnknownRegionError(`unknown region ${unknown}`);
  return [...new Set(regions)];
}
