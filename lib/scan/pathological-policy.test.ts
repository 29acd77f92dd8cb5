import { PutKeyPolicyCommand } from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type KmsDriftConfig } from "../config";
import { MAX_POLICY_DEPTH } from "../domain/policy-bounds";
import type { Snapshot } from "../domain/snapshot";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { createKms, policyOf, rootStatement } from "../sandbox/testing/clients";
import { runScan } from "./run-scan";

const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const REGIONS = ["us-east-1", "eu-west-1", "ap-northeast-1"];

/**
 * A key policy whose one Condition value is nested `depth` arrays deep: about 2 bytes per level, so
 * 5,000 levels fit well inside the 32 KB quota. AWS's policy grammar would refuse it (condition
 * values are strings), but the sandbox, like any emulator, stores what it is given; the scanner must
 * survive whatever GetKeyPolicy returns.
 */
function deeplyNestedPolicy(account: string, depth: number): string {
  return policyOf(rootStatement(account)).replace(
    /]}$/,
    `,{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":${"[".repeat(depth)}"${account}"${"]".repeat(depth)}}}}]}`,
  );
}

describe("a key policy nested thousands of levels deep on one replica", () => {
  let server: SandboxServer;
  let config: KmsDriftConfig;
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
    config = await loadConfig("lib/sandbox/worlds/demo.config.json");
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  const scan = (): Promise<Snapshot> =>
    runScan({ endpoint: server.url, credentials: AUDITOR, config, regions: REGIONS, trail: false });

  it("is one readability finding; the scan completes and every other finding stands", async () => {
    const before = await scan();
    const family = before.families.find(
      (f) =>
        f.kind === "multi-region" &&
        server.manifest.inSyncFamilies.includes(f.id) &&
        f.referenceRegion !== null &&
        f.members.some((m) => m.role === "replica"),
    );
    const replica = family?.members.find((m) => m.role === "replica");
    if (!family || !replica) throw new Error("the demo world has an in-sync multi-Region family");
    const policy = deeplyNestedPolicy(family.account, 5_000);
    expect(Buffer.byteLength(policy)).toBeLessThan(32_768);
    await createKms(server.url, replica.region).send(
      new PutKeyPolicyCommand({ KeyId: replica.keyId, PolicyName: "default", Policy: policy }),
    );

    const after = await scan();

    expect(after.summary.status).toBe("complete");
    const record = after.keys.find((k) => k.arn === replica.arn);
    expect(record?.policy).toBeNull();
    expect(record?.errors).toEqual([
      {
        property: "policy",
        code: "PolicyTooDeep",
        message: `policy is nested deeper than ${MAX_POLICY_DEPTH} levels`,
      },
    ]);
    const added = after.findings.filter((f) => !before.findings.some((b) => b.id === f.id));
    expect(added.map((f) => [f.familyId, f.property, f.severity, f.region, f.title])).toEqual([
      [
        family.id,
        "readability",
        "medium",
        replica.region,
        `key policy in ${replica.region} is nested deeper than ${MAX_POLICY_DEPTH} levels, not analysed`,
      ],
    ]);
    expect(before.findings.filter((b) => !after.findings.some((f) => f.id === b.id))).toEqual([]);
  }, 120_000);
});
