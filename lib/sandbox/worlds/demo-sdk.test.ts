import {
  DescribeKeyCommand,
  GetKeyLastUsageCommand,
  GetKeyPolicyCommand,
  ListKeysCommand,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "../server";
import type { PlantedDrift } from "../types";
import { findAliasTarget, listKeyIds, readRegionView, type RegionView } from "./region-view";
import { AUDITOR, catchError, createKms, type TestCredentials } from "./sdk-test-clients";

const SECOND_AUDITOR: TestCredentials = {
  accessKeyId: "AKIAWKMSDRIFTAUDIT2",
  secretAccessKey: "sandbox",
};
let server: SandboxServer;

beforeAll(async () => {
  server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
});
afterAll(async () => {
  await server.close();
});

const credentialsFor = (account: string) => (account === "444455556666" ? SECOND_AUDITOR : AUDITOR);
const kms = (account: string, region: string) =>
  createKms(server.url, region, credentialsFor(account));

/** The key id of a family in one region: the MRK id, or the target of the family's alias there. */
async function resolveKeyId(
  familyId: string,
  account: string,
  region: string,
): Promise<string | undefined> {
  const name = familyId.slice(account.length + 1);
  if (!name.startsWith("alias/"))
    return (await listKeyIds(kms(account, region))).includes(name) ? name : undefined;
  return findAliasTarget(kms(account, region), name);
}

async function view(account: string, region: string, keyId: string): Promise<RegionView> {
  return readRegionView(kms(account, region), region, keyId);
}

const FIELDS: Record<string, keyof RegionView> = {
  policy: "policy",
  readability: "policy",
  grants: "grants",
  aliases: "aliases",
  state: "state",
  description: "description",
  tags: "tags",
  rotation: "rotation",
  keySpec: "keySpec",
  keyUsage: "keyUsage",
  origin: "origin",
};

/** What the drift's property looks like in its region and in the reference region. */
async function observe(drift: PlantedDrift): Promise<{ here: unknown; there: unknown }> {
  const refKey = (await resolveKeyId(drift.familyId, drift.account, drift.referenceRegion)) ?? "";
  const there = await view(drift.account, drift.referenceRegion, refKey);
  if (drift.property === "replicaSet") {
    const missing = await catchError(
      kms(drift.account, drift.region).send(new DescribeKeyCommand({ KeyId: drift.keyId })),
    );
    return {
      here: [missing.name, there.replicaRegions.includes(drift.region)],
      there: ["NotFoundException", true],
    };
  }
  if (drift.property === "usage") {
    const lastUse = async (region: string, keyId: string) =>
      (await kms(drift.account, region).send(new GetKeyLastUsageCommand({ KeyId: keyId })))
        .KeyLastUsage;
    return {
      here: await lastUse(drift.region, drift.keyId),
      there: await lastUse(drift.referenceRegion, refKey),
    };
  }
  const here = await view(drift.account, drift.region, drift.keyId);
  if (drift.property === "residency")
    return { here: [here.region, here.tags], there: [there.region, there.tags] };
  const field = FIELDS[drift.property];
  if (!field) throw new Error(`no observation for ${drift.property}`);
  return { here: here[field], there: there[field] };
}

describe("demo world through the SDK", () => {
  it("shows every planted drift in the region the manifest names, against its reference", async () => {
    expect(server.manifest.drifts.length).toBeGreaterThanOrEqual(20);
    for (const drift of server.manifest.drifts) {
      const { here, there } = await observe(drift);
      expect(here, `${drift.property} of ${drift.familyId} in ${drift.region}`).not.toEqual(there);
      if (drift.property === "readability") expect(here).toBe("AccessDeniedException");
      if (drift.property === "replicaSet") expect(here).toEqual(["NotFoundException", false]);
      if (drift.property === "residency")
        expect(here).toEqual([drift.region, expect.stringContaining("data-class=eu-pii")]);
      if (drift.property === "usage") {
        expect(here).toEqual({});
        expect(there).toMatchObject({ Operation: expect.any(String) });
      }
    }
  });

  it("plants used, never-used and pre-tracking replicas as GetKeyLastUsage reports them", async () => {
    const usage = server.manifest.drifts.filter((d) => d.property === "usage");
    const answers = await Promise.all(
      usage.map((d) =>
        kms(d.account, d.region).send(new GetKeyLastUsageCommand({ KeyId: d.keyId })),
      ),
    );
    const preTracking = answers.map(
      (a) => (a.TrackingStartDate?.getTime() ?? 0) > (a.KeyCreationDate?.getTime() ?? 0),
    );
    // One replica was made before tracking began, one after (never used at all).
    expect(preTracking.sort()).toEqual([false, true]);
    const inSync = server.manifest.inSyncFamilies.filter((id) => id.includes(":mrk-")).slice(0, 5);
    for (const familyId of inSync) {
      for (const region of server.manifest.enabledRegions) {
        const keyId = await resolveKeyId(familyId, familyId.slice(0, 12), region);
        if (!keyId) continue;
        const answer = await kms(familyId.slice(0, 12), region).send(
          new GetKeyLastUsageCommand({ KeyId: keyId }),
        );
        expect(answer.KeyLastUsage?.Operation, `${familyId} in ${region}`).toMatch(
          /^(Encrypt|Decrypt|GenerateDataKey)$/,
        );
      }
    }
  });

  it("keeps every in-sync family equal by meaning across its regions", async () => {
    expect(server.manifest.inSyncFamilies.length).toBeGreaterThanOrEqual(30);
    for (const familyId of server.manifest.inSyncFamilies) {
      const account = familyId.slice(0, 12);
      const members: RegionView[] = [];
      for (const region of server.manifest.enabledRegions) {
        const keyId = await resolveKeyId(familyId, account, region);
        if (keyId) members.push(await view(account, region, keyId));
      }
      expect(members.length, familyId).toBeGreaterThanOrEqual(2);
      const [first, ...rest] = members;
      // Policies planted to read differently and allow the same differ in text on purpose;
      // lib/scan/run-scan.test.ts checks that kms-drift finds them equal by meaning.
      const rewritten = server.manifest.sameMeaning?.some((r) => r.familyId === familyId);
      const comparable = (v: RegionView) => ({
        ...v,
        region: "",
        replicaRegions: [],
        ...(rewritten ? { policy: "" } : {}),
      });
      for (const member of rest)
        expect(comparable(member), `${familyId} in ${member.region}`).toEqual(
          comparable(first as RegionView),
        );
    }
  });

  it("denies the unreadable policy to the auditor and to any other caller of the account", async () => {
    const drift = server.manifest.drifts.find((d) => d.property === "readability");
    if (!drift) throw new Error("no readability drift");
    for (const credentials of [
      AUDITOR,
      { accessKeyId: "AKIAANYONEELSE00001", secretAccessKey: "x" },
    ]) {
      const error = await catchError(
        createKms(server.url, drift.region, credentials).send(
          new GetKeyPolicyCommand({ KeyId: drift.keyId }),
        ),
      );
      expect(error.name).toBe("AccessDeniedException");
    }
  });

  it("answers UnrecognizedClientException in the regions that are not enabled", async () => {
    for (const region of server.manifest.notEnabledRegions) {
      const error = await catchError(createKms(server.url, region).send(new ListKeysCommand({})));
      expect(error.name).toBe("UnrecognizedClientException");
    }
  });
});
