import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "../sandbox/worlds/regions";
import { coordinatesOf, partitionOf, REGIONS, type RegionCode } from "./regions";

/**
 * The SDK's endpoint data (partitions.json, shipped in @aws-sdk/core as an ES module that only
 * wraps the JSON), read from the copy the KMS client resolves: the Regions this build of the SDK
 * can call.
 */
const PARTITIONS_FILE = "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js";

const partitionsSchema = z.object({
  partitions: z.array(
    z.object({
      id: z.string(),
      regionRegex: z.string(),
      regions: z.record(z.string(), z.object({ description: z.string().optional() })),
    }),
  ),
});

interface SdkRegion {
  code: string;
  partition: string;
  description: string;
}

function readSdkPartitions(): z.infer<typeof partitionsSchema>["partitions"] {
  const fromKms = createRequire(createRequire(__filename).resolve("@aws-sdk/client-kms"));
  const file = path.join(
    path.dirname(fromKms.resolve("@aws-sdk/core/package.json")),
    PARTITIONS_FILE,
  );
  if (!existsSync(file)) {
    throw new Error(
      `SDK partition data not found at ${file}: find where @aws-sdk/core keeps it now`,
    );
  }
  const text = readFileSync(file, "utf8");
  const json: unknown = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1));
  return partitionsSchema.parse(json).partitions;
}

/** Real Regions only: the data also lists pseudo-regions (`aws-global`) that fail the partition's pattern. */
function sdkRegions(): SdkRegion[] {
  return readSdkPartitions().flatMap((partition) => {
    const pattern = new RegExp(partition.regionRegex);
    return Object.entries(partition.regions)
      .filter(([code]) => pattern.test(code))
      .map(([code, facts]) => ({
        code,
        partition: partition.id,
        description: facts.description ?? "",
      }));
  });
}

/** AWS writes `São Paulo` and `US ISO West` where the SDK data has `Sao Paulo` and `US ISO WEST`. */
function comparable(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

const TABLE = Object.entries(REGIONS) as [RegionCode, (typeof REGIONS)[RegionCode]][];

describe("the region table against the SDK's partition data", () => {
  const sdk = sdkRegions();

  it("reads a plausible SDK region list", () => {
    expect(sdk.length).toBeGreaterThan(40);
    expect(sdk.map((r) => r.code)).toContain("us-east-1");
    expect(sdk.map((r) => r.code)).not.toContain("aws-global");
  });

  it("holds every Region the SDK knows, in the SDK's partition", () => {
    const problems = sdk.flatMap((r) => {
      if (!Object.hasOwn(REGIONS, r.code))
        return [
          `${r.code} (${r.partition}, "${r.description}") is missing from lib/domain/regions.ts`,
        ];
      const partition = REGIONS[r.code as RegionCode].partition;
      return partition === r.partition
        ? []
        : [`${r.code}: table says ${partition}, SDK ${r.partition}`];
    });
    expect(problems).toEqual([]);
  });

  it("holds no Region the SDK does not know", () => {
    const known = new Set(sdk.map((r) => r.code));
    expect(TABLE.map(([code]) => code).filter((code) => !known.has(code))).toEqual([]);
  });

  it("names each Region as the SDK does (up to accents and case)", () => {
    const renamed = sdk.flatMap((r) => {
      const name = Object.hasOwn(REGIONS, r.code) ? REGIONS[r.code as RegionCode].name : undefined;
      return name !== undefined && comparable(name) !== comparable(r.description)
        ? [`${r.code}: table "${name}", SDK "${r.description}"`]
        : [];
    });
    expect(renamed).toEqual([]);
  });

  it("puts a Region the table does not know yet in the partition whose pattern it matches", () => {
    for (const partition of readSdkPartitions()) {
      const pattern = new RegExp(partition.regionRegex);
      const sample = Object.keys(partition.regions).find((code) => pattern.test(code));
      if (sample === undefined) continue;
      const future = sample.replace(/\d+$/, "97");
      expect(pattern.test(future)).toBe(true);
      expect(partitionOf(future), future).toBe(partition.id);
    }
  });
});

describe("the region table itself", () => {
  it("places every Region on the map", () => {
    const misplaced = TABLE.filter(([code]) => {
      const at = coordinatesOf(code);
      return at === null || Math.abs(at[0]) > 180 || Math.abs(at[1]) > 90;
    }).map(([code]) => code);
    expect(misplaced).toEqual([]);
    expect(coordinatesOf("mars-1")).toBeNull();
  });

  it("has opt-in Regions only in the commercial partition", () => {
    const optInElsewhere = TABLE.filter(([, facts]) => facts.optIn && facts.partition !== "aws");
    expect(optInElsewhere).toEqual([]);
  });

  it("agrees with the sandbox worlds: default-enabled estates, opt-in Regions left disabled", () => {
    expect(ENABLED_REGIONS.filter((code) => REGIONS[code].optIn)).toEqual([]);
    expect(NOT_ENABLED_REGIONS.filter((code) => !REGIONS[code].optIn)).toEqual([]);
  });
});
