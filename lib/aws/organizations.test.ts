import { OrganizationsClient } from "@aws-sdk/client-organizations";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { regionsOfPartition } from "../domain/regions";
import { ORGANIZATIONS_REGIONS, organizationsRegionOf } from "./organizations";

const endpointSchema = z.object({
  url: z.instanceof(URL),
  properties: z.object({ authSchemes: z.array(z.object({ signingRegion: z.string() })) }),
});

describe("the Organizations Region of each partition", () => {
  it.each(Object.entries(ORGANIZATIONS_REGIONS))(
    "%s: the Region the SDK signs Organizations requests for, from any Region of it",
    (partition, expected) => {
      const regions = regionsOfPartition(partition).slice(0, 3);
      expect(regions.length).toBeGreaterThan(0);
      for (const region of regions) {
        const client = new OrganizationsClient({ region });
        const endpoint = endpointSchema.parse(
          client.config.endpointProvider({ Region: region, UseFIPS: false, UseDualStack: false }),
        );
        client.destroy();
        expect([region, endpoint.properties.authSchemes[0]?.signingRegion]).toEqual([
          region,
          expected,
        ]);
      }
    },
  );

  it("falls back to the aws partition's for a name it does not know", () => {
    expect(organizationsRegionOf("aws-cn")).toBe("cn-northwest-1");
    expect(organizationsRegionOf("aws-moon")).toBe("us-east-1");
  });
});
