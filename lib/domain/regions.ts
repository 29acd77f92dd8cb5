/**
 * Every AWS Region the SDK knows, with its partition, whether accounts must opt in, its display
 * name and where it sits on the map. The one home of region facts: the scanner's region lists, the
 * sandbox's ARNs and the residency map all read it. `regions.test.ts` diffs it against the SDK's
 * endpoint data, so a Region AWS adds cannot be missing here (docs/aws-facts.md#regions).
 * Pure data: client components import it too.
 */

export type Partition =
  | "aws"
  | "aws-cn"
  | "aws-us-gov"
  | "aws-eusc"
  | "aws-iso"
  | "aws-iso-b"
  | "aws-iso-e"
  | "aws-iso-f";

export interface RegionFacts {
  partition: Partition;
  /** As AWS writes it: `US East (N. Virginia)`. */
  name: string;
  /**
   * Launched after 2019-03-20, so disabled until the account opts in
   * (docs/aws-facts.md#opt-in-regions). The Regions of the other partitions are enabled.
   */
  optIn: boolean;
  /** [longitude, latitude] of the city the Region is named after, approximately. */
  coordinates: readonly [number, number];
}

const region = (
  partition: Partition,
  name: string,
  optIn: boolean,
  coordinates: readonly [number, number],
): RegionFacts => ({ partition, name, optIn, coordinates });

// Regions named after a country or an area sit at its capital, or at the city AWS named for them.
export const REGIONS = {
  "us-east-1": region("aws", "US East (N. Virginia)", false, [-77.5, 39.0]),
  "us-east-2": region("aws", "US East (Ohio)", false, [-83.0, 40.0]),
  "us-west-1": region("aws", "US West (N. California)", false, [-122.0, 37.4]),
  "us-west-2": region("aws", "US West (Oregon)", false, [-119.7, 45.8]),
  "ca-central-1": region("aws", "Canada (Central)", false, [-73.6, 45.5]),
  "sa-east-1": region("aws", "South America (São Paulo)", false, [-46.6, -23.5]),
  "eu-west-1": region("aws", "Europe (Ireland)", false, [-6.3, 53.3]),
  "eu-west-2": region("aws", "Europe (London)", false, [-0.1, 51.5]),
  "eu-west-3": region("aws", "Europe (Paris)", false, [2.35, 48.9]),
  "eu-central-1": region("aws", "Europe (Frankfurt)", false, [8.7, 50.1]),
  "eu-north-1": region("aws", "Europe (Stockholm)", false, [18.1, 59.3]),
  "ap-south-1": region("aws", "Asia Pacific (Mumbai)", false, [72.9, 19.1]),
  "ap-northeast-1": region("aws", "Asia Pacific (Tokyo)", false, [139.7, 35.7]),
  "ap-northeast-2": region("aws", "Asia Pacific (Seoul)", false, [127.0, 37.6]),
  "ap-northeast-3": region("aws", "Asia Pacific (Osaka)", false, [135.5, 34.7]),
  "ap-southeast-1": region("aws", "Asia Pacific (Singapore)", false, [103.8, 1.35]),
  "ap-southeast-2": region("aws", "Asia Pacific (Sydney)", false, [151.2, -33.9]),
  "ap-east-1": region("aws", "Asia Pacific (Hong Kong)", true, [114.2, 22.3]),
  "me-south-1": region("aws", "Middle East (Bahrain)", true, [50.6, 26.1]),
  "af-south-1": region("aws", "Africa (Cape Town)", true, [18.4, -33.9]),
  "eu-south-1": region("aws", "Europe (Milan)", true, [9.2, 45.5]),
  "ap-southeast-3": region("aws", "Asia Pacific (Jakarta)", true, [106.8, -6.2]),
  "me-central-1": region("aws", "Middle East (UAE)", true, [54.4, 24.5]),
  "eu-central-2": region("aws", "Europe (Zurich)", true, [8.5, 47.4]),
  "eu-south-2": region("aws", "Europe (Spain)", true, [-0.9, 41.6]),
  "ap-south-2": region("aws", "Asia Pacific (Hyderabad)", true, [78.5, 17.4]),
  "ap-southeast-4": region("aws", "Asia Pacific (Melbourne)", true, [144.96, -37.8]),
  "il-central-1": region("aws", "Israel (Tel Aviv)", true, [34.8, 32.1]),
  "ca-west-1": region("aws", "Canada West (Calgary)", true, [-114.1, 51.0]),
  "ap-southeast-5": region("aws", "Asia Pacific (Malaysia)", true, [101.7, 3.1]),
  "ap-southeast-7": region("aws", "Asia Pacific (Thailand)", true, [100.5, 13.75]),
  "mx-central-1": region("aws", "Mexico (Central)", true, [-100.4, 20.6]),
  "ap-east-2": region("aws", "Asia Pacific (Taipei)", true, [121.5, 25.0]),
  "ap-southeast-6": region("aws", "Asia Pacific (New Zealand)", true, [174.8, -36.85]),
  "sa-west-1": region("aws", "South America (Chile)", true, [-70.65, -33.45]),
  "me-west-1": region("aws", "Middle East (Saudi Arabia)", true, [46.7, 24.7]),
  "cn-north-1": region("aws-cn", "China (Beijing)", false, [116.4, 39.9]),
  "cn-northwest-1": region("aws-cn", "China (Ningxia)", false, [106.3, 38.5]),
  "us-gov-west-1": region("aws-us-gov", "AWS GovCloud (US-West)", false, [-122.3, 47.6]),
  "us-gov-east-1": region("aws-us-gov", "AWS GovCloud (US-East)", false, [-83.0, 40.0]),
  "eusc-de-east-1": region(
    "aws-eusc",
    "AWS European Sovereign Cloud (Germany)",
    false,
    [13.0, 52.4],
  ),
  // AWS publishes no location for the isolated partitions: placed by the direction in the name.
  "us-iso-east-1": region("aws-iso", "US ISO East", false, [-77.0, 38.9]),
  "us-iso-west-1": region("aws-iso", "US ISO West", false, [-104.9, 39.7]),
  "us-isob-east-1": region("aws-iso-b", "US ISOB East (Ohio)", false, [-82.9, 40.0]),
  "us-isob-west-1": region("aws-iso-b", "US ISOB West", false, [-111.9, 40.8]),
  "eu-isoe-west-1": region("aws-iso-e", "EU ISOE West", false, [-1.5, 52.5]),
  "us-isof-east-1": region("aws-iso-f", "US ISOF East", false, [-76.5, 37.5]),
  "us-isof-south-1": region("aws-iso-f", "US ISOF South", false, [-98.5, 29.4]),
} as const satisfies Record<string, RegionFacts>;

export type RegionCode = keyof typeof REGIONS;

const CODES = Object.keys(REGIONS) as RegionCode[];

/** Region-name patterns of the partitions other than `aws`, for Regions newer than this table. */
const PARTITION_PREFIXES: readonly (readonly [string, Partition])[] = [
  ["cn-", "aws-cn"],
  ["us-gov-", "aws-us-gov"],
  ["eusc-", "aws-eusc"],
  ["us-isob-", "aws-iso-b"],
  ["us-isof-", "aws-iso-f"],
  ["eu-isoe-", "aws-iso-e"],
  ["us-iso-", "aws-iso"],
];

export function isKnownRegion(code: string): code is RegionCode {
  return Object.hasOwn(REGIONS, code);
}

export function regionFacts(code: string): RegionFacts | undefined {
  return isKnownRegion(code) ? REGIONS[code] : undefined;
}

/** The partition a Region belongs to; unknown names go by the partitions' name patterns, else `aws`. */
export function partitionOf(code: string): Partition {
  const known = regionFacts(code);
  if (known) return known.partition;
  return PARTITION_PREFIXES.find(([prefix]) => code.startsWith(prefix))?.[1] ?? "aws";
}

export function isOptInRegion(code: string): boolean {
  return regionFacts(code)?.optIn ?? false;
}

/** Every Region of a partition, the ones enabled by default first, each group in table order. */
export function regionsOfPartition(partition: string): RegionCode[] {
  const members = CODES.filter((code) => REGIONS[code].partition === partition);
  return [
    ...members.filter((code) => !REGIONS[code].optIn),
    ...members.filter((code) => REGIONS[code].optIn),
  ];
}

export function coordinatesOf(code: string): [number, number] | null {
  const coordinates = regionFacts(code)?.coordinates;
  return coordinates ? [coordinates[0], coordinates[1]] : null;
}

/** What a region list that names nothing (`,,`) is told, wherever one is read. */
export const NO_REGION_NAMED = 'no region named; expected e.g. us-east-1,eu-west-1 or "all"';

/**
 * A region list as typed (`--regions`, `KMS_DRIFT_REGIONS`, `KMS_DRIFT_SANDBOX_DOWN`): `all`, or
 * names separated by commas, blanks ignored. Null when it names no region; names are not checked.
 */
export function parseRegionList(text: string): string[] | "all" | null {
  if (text.trim() === "all") return "all";
  const names = text
    .split(",")
    .map((r) => r.trim())
    .filter((r) => r !== "");
  return names.length > 0 ? names : null;
}
