import type { RegionCode } from "../../domain/regions";

/** Regions of the generated estates (all default-enabled in AWS) and opt-in regions left disabled. */
export const ENABLED_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "eu-west-1",
  "eu-central-1",
  "eu-north-1",
  "ap-northeast-1",
  "ap-southeast-2",
  "ca-central-1",
] as const satisfies readonly RegionCode[];

/**
 * Opt-in regions (docs/aws-facts.md#opt-in-regions) the demo account never enabled: KMS answers
 * UnrecognizedClientException.
 */
export const NOT_ENABLED_REGIONS = [
  "ap-east-1",
  "me-south-1",
] as const satisfies readonly RegionCode[];
