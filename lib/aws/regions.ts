/**
 * Static region lists per partition (docs/aws-facts.md#regions, SDK endpoint data Nov 2026) and
 * which commercial regions are enabled by default (docs/aws-facts.md#opt-in-regions). The scanner
 * does not call account:ListRegions (it would need one more IAM permission); an opt-in region that
 * is not enabled answers UnrecognizedClientException and is recorded as `not-enabled`.
 */
const DEFAULT_ENABLED_AWS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "ca-central-1",
  "sa-east-1",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-central-1",
  "eu-north-1",
  "ap-south-1",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-southeast-1",
  "ap-southeast-2",
] as const;

const OPT_IN_AWS = [
  "ap-east-1",
  "me-south-1",
  "af-south-1",
  "eu-south-1",
  "ap-southeast-3",
  "me-central-1",
  "eu-central-2",
  "eu-south-2",
  "ap-south-2",
  "ap-southeast-4",
  "il-central-1",
  "ca-west-1",
  "ap-southeast-5",
  "ap-southeast-7",
  "mx-central-1",
  "ap-east-2",
  "ap-southeast-6",
  "sa-west-1",
  "me-west-1",
] as const;

export const PARTITION_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [...DEFAULT_ENABLED_AWS, ...OPT_IN_AWS],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
  "aws-eusc": ["eusc-de-east-1"],
};

const OPT_IN = new Set<string>(OPT_IN_AWS);

/** The partition a region belongs to (`aws` for anything unrecognised). */
export function partitionOf(region: string): string {
  for (const [partition, regions] of Object.entries(PARTITION_REGIONS)) {
    if (regions.includes(region)) return partition;
  }
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("eusc-")) return "aws-eusc";
  return "aws";
}

export function isKnownRegion(region: string): boolean {
  return Object.values(PARTITION_REGIONS).some((regions) => regions.includes(region));
}

export function isOptInRegion(region: string): boolean {
  return OPT_IN.has(region);
}

/** Every region of a partition, default-enabled ones first. */
export function listPartitionRegions(partition: string): string[] {
  return [...(PARTITION_REGIONS[partition] ?? [])];
}

export class UnknownRegionError extends Error {
  override readonly name = "UnknownRegionError";
}

/** Validates a region list (or `all`) against the partition's static list. */
export function resolveRegions(regions: readonly string[] | "all", partition: string): string[] {
  if (regions === "all") return listPartitionRegions(partition);
  const unknown = regions.find((region) => !isKnownRegion(region));
  if (unknown !== undefined) throw new UnknownRegionError(`unknown region ${unknown}`);
  return [...new Set(regions)];
}
