import {
  CreateKeyCommand,
  EncryptCommand,
  PutKeyPolicyCommand,
  ReplicateKeyCommand,
} from "@aws-sdk/client-kms";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../config";
import type { Snapshot } from "../domain/snapshot";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { createKms, policyDenying } from "../sandbox/testing/clients";
import { runScan } from "./run-scan";

const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];
const DAY_MS = 86_400_000;

let server: SandboxServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An empty sandbox whose clock runs `daysAgo` in the past, so keys made now are that old at scan time. */
async function startSandbox(daysAgo: number): Promise<SandboxServer> {
  server = await startSandboxServer({
    port: 0,
    world: "empty",
    seed: 11,
    anchor: new Date(Date.now() - daysAgo * DAY_MS),
  });
  return server;
}

/** A multi-Region key in us-east-1 with replicas in eu-west-1 and ap-southeast-2. */
async function createFamily(url: string): Promise<string> {
  const east = createKms(url, "us-east-1");
  const keyId = (await east.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata?.KeyId;
  if (!keyId) throw new Error("no key id");
  for (const region of REGIONS.slice(1))
    await east.send(new ReplicateKeyCommand({ KeyId: keyId, ReplicaRegion: region }));
  return keyId;
}

function encryptIn(url: string, region: string, keyId: string): Promise<unknown> {
  return createKms(url, region).send(
    new EncryptCommand({ KeyId: keyId, Plaintext: new TextEncoder().encode("x") }),
  );
}

function scan(url: string, config: unknown = {}): Promise<Snapshot> {
  return runScan({
    endpoint: url,
    credentials: AUDITOR,
    regions: REGIONS,
    trail: false,
    config: parseConfig(config, "test"),
  });
}

const recordIn = (snapshot: Snapshot, region: string) =>
  snapshot.keys.find((k) => k.region === region);

describe("last use through a scan", () => {
  it("shows a use after an Encrypt in that region only", async () => {
    const sb = await startSandbox(0);
    const keyId = await createFamily(sb.url);
    await encryptIn(sb.url, "eu-west-1", keyId);
    const snapshot = await scan(sb.url);
    expect(recordIn(snapshot, "eu-west-1")?.lastUse?.lastUsed).toMatchObject({
      operation: "Encrypt",
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      cloudTrailEventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(recordIn(snapshot, "us-east-1")?.lastUse?.lastUsed).toBeNull();
    expect(recordIn(snapshot, "ap-southeast-2")?.lastUse?.lastUsed).toBeNull();
    // Fresh keys: nothing is dormant yet.
    expect(snapshot.findings.filter((f) => f.property === "usage")).toEqual([]);
  }, 60_000);

  it("reports a replica unused for longer than dormantAfterDays, and not a used one", async () => {
    const sb = await startSandbox(30);
    const keyId = await createFamily(sb.url);
    await encryptIn(sb.url, "eu-west-1", keyId);
    const snapshot = await scan(sb.url, { lastUse: { dormantAfterDays: 14 } });
    const usage = snapshot.findings.filter((f) => f.property === "usage");
    expect(usage.map((f) => [f.region, f.severity])).toEqual([["ap-southeast-2", "low"]]);
    expect(usage[0]?.title).toMatch(/never been used since it was created/);
    const longer = await scan(sb.url, { lastUse: { dormantAfterDays: 45 } });
    expect(longer.findings.filter((f) => f.property === "usage")).toEqual([]);
    const severe = await scan(sb.url, {
      lastUse: { dormantAfterDays: 14 },
      severity: [{ property: "usage", severity: "high" }],
    });
    expect(severe.findings.filter((f) => f.property === "usage").map((f) => f.severity)).toEqual([
      "high",
    ]);
  }, 90_000);

  it("turns an AccessDenied on GetKeyLastUsage into a readability finding and reads the rest", async () => {
    const sb = await startSandbox(0);
    const keyId = await createFamily(sb.url);
    await createKms(sb.url, "eu-west-1").send(
      new PutKeyPolicyCommand({ KeyId: keyId, Policy: policyDenying("kms:GetKeyLastUsage") }),
    );
    const snapshot = await scan(sb.url);
    const denied = recordIn(snapshot, "eu-west-1");
    expect(denied?.lastUse).toBeNull();
    expect(denied?.policy).not.toBeNull();
    expect(denied?.errors).toEqual([
      expect.objectContaining({ property: "lastUse", code: "AccessDeniedException" }),
    ]);
    const readability = snapshot.findings.filter((f) => f.property === "readability");
    expect(readability.map((f) => [f.region, f.title])).toEqual([
      ["eu-west-1", "lastUse in eu-west-1 could not be read: AccessDeniedException"],
    ]);
    expect(snapshot.regions.find((r) => r.region === "eu-west-1")?.status).toBe("partial");
    expect(recordIn(snapshot, "ap-southeast-2")?.lastUse?.lastUsed).toBeNull();
  }, 60_000);

  it("does not call GetKeyLastUsage when config lastUse.read is false", async () => {
    const sb = await startSandbox(30);
    await createFamily(sb.url);
    const snapshot = await scan(sb.url, { lastUse: { read: false, dormantAfterDays: 1 } });
    expect(snapshot.keys.map((k) => k.lastUse)).toEqual([null, null, null]);
    expect(snapshot.findings.filter((f) => f.property === "usage")).toEqual([]);
    expect(sb.sandbox.calls.filter((c) => c.operation === "GetKeyLastUsage")).toEqual([]);
  }, 60_000);
});
