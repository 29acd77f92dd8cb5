import {
  DescribeKeyCommand,
  TagResourceCommand,
  UpdateKeyDescriptionCommand,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type KmsDriftConfig } from "../config";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { createKms } from "../sandbox/testing/clients";
import { runScan } from "../scan/run-scan";
import { openPgliteTestStore } from "./test-store";
import type { SnapshotStore } from "./store-types";

const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };

describe("comparing two snapshots of the sandbox across a real change", () => {
  let server: SandboxServer;
  let config: KmsDriftConfig;
  let store: SnapshotStore;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
    config = await loadConfig("lib/sandbox/worlds/demo.config.json");
    ({ store, dispose } = await openPgliteTestStore());
  }, 60_000);
  afterAll(async () => {
    await dispose();
    await server.close();
  });

  const scan = () =>
    runScan({
      endpoint: server.url,
      credentials: AUDITOR,
      config,
      regions: server.manifest.enabledRegions,
      trail: false,
    });

  it("a drift fixed and another introduced between them → exactly one new and one resolved", async () => {
    const before = await scan();
    await store.saveSnapshot(before);

    const fixed = server.manifest.drifts.find(
      (d) => d.property === "description" && d.kind === "multi-region",
    );
    if (!fixed) throw new Error("the demo world plants a multi-Region description drift");
    const reference = await createKms(server.url, fixed.referenceRegion).send(
      new DescribeKeyCommand({ KeyId: fixed.keyId }),
    );
    await createKms(server.url, fixed.region).send(
      new UpdateKeyDescriptionCommand({
        KeyId: fixed.keyId,
        Description: reference.KeyMetadata?.Description ?? "",
      }),
    );

    const inSync = before.families.find(
      (f) => f.kind === "multi-region" && server.manifest.inSyncFamilies.includes(f.id),
    );
    const replica = inSync?.members.find((m) => m.region !== inSync.referenceRegion);
    if (!inSync || !replica)
      throw new Error("the demo world has an in-sync multi-Region family with a replica");
    await createKms(server.url, replica.region).send(
      new TagResourceCommand({
        KeyId: replica.keyId,
        Tags: [{ TagKey: "cost-center", TagValue: "drifted" }],
      }),
    );

    const after = await scan();
    const { changes } = await store.saveSnapshot(after);
    expect(changes.counts.new).toBe(1);
    expect(changes.counts.resolved).toBe(1);
    expect(changes.new.map((f) => [f.familyId, f.property, f.region])).toEqual([
      [inSync.id, "tags", replica.region],
    ]);
    expect(changes.resolved.map((f) => [f.familyId, f.property, f.region])).toEqual([
      [fixed.familyId, "description", fixed.region],
    ]);
    const compared = await store.compareSnapshots(before.id, after.id);
    expect(compared.counts).toEqual(changes.counts);
  }, 120_000);
});
