import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../config";
import { createSandbox } from "../sandbox";
import { worlds } from "./index";
import type { WorldDrift } from "./world-drift";

const CONFIG_PATH = join(__dirname, "demo.config.json");

describe("demo.config.json", () => {
  it("is a valid kms-drift config", () => {
    const config = parseConfig(JSON.parse(readFileSync(CONFIG_PATH, "utf8")), CONFIG_PATH);
    expect(config.residency).toHaveLength(1);
    expect(config.expectedReplicas).toHaveLength(1);
    expect(config.waivers).toHaveLength(2);
  });

  it("names, for every seed, the drifts it makes visible or waives", () => {
    for (const seed of [1, 2]) {
      const anchor = new Date("2026-11-20T00:00:00Z");
      const manifest = worlds.demo(createSandbox({ seed, clock: () => anchor }), { seed, anchor });
      const drifts = manifest.drifts as WorldDrift[];
      expect(
        drifts.filter((d) => d.dependsOnConfig).map((d) => [d.property, d.dependsOnConfig]),
      ).toEqual(
        expect.arrayContaining([
          ["residency", "residency[0]"],
          ["replicaSet", "expectedReplicas[0]"],
        ]),
      );
      const waived = drifts
        .filter((d) => d.waiver)
        .map((d) => [d.familyId, d.property, d.region, d.waiver?.state]);
      expect(waived).toEqual(
        expect.arrayContaining([
          ["111122223333:alias/legacy-reports", "tags", "us-west-2", "active"],
          ["111122223333:alias/legacy-exports", "description", "eu-west-1", "expired"],
        ]),
      );
    }
  });
});
