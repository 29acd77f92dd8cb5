import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { loadConfig, parseConfig, type KmsDriftConfig } from "../config";
import type { Snapshot } from "../domain/snapshot";
import type { PlantedDrift } from "../sandbox/types";
import { normalizeActor } from "../sandbox/testing/sandbox-trail";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { supportsRotation } from "../inventory/read-key";
import { runScan } from "./run-scan";
import type { ScanProgress } from "./types";
import { SAME_MEANING_REWRITES } from "../sandbox/worlds/plant-same-meaning";
import { replaceRegionDeep } from "../domain/region-text";

const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const READ_ONLY = /^(List|Describe|Get)[A-Za-z]*$|^(LookupEvents|AssumeRole|GetCallerIdentity)$/;

const callLogSchema = z.array(
  z.looseObject({
    account: z.string(),
    region: z.string(),
    service: z.string(),
    operation: z.string(),
  }),
);
type CallEntry = z.infer<typeof callLogSchema>[number];

async function fetchCalls(server: SandboxServer): Promise<CallEntry[]> {
  const body: unknown = await (await fetch(`${server.url}/_sandbox/calls`)).json();
  return callLogSchema.parse(
    Array.isArray(body) ? body : z.looseObject({ calls: z.unknown() }).parse(body).calls,
  );
}

/** What the sandbox holds in one (account, region), asked directly (not over HTTP, so not logged). */
function heldKeyIds(server: SandboxServer, account: string, region: string): string[] {
  const ctx = {
    account,
    region,
    accessKeyId: "direct",
    principalArn: `arn:aws:iam::${account}:root`,
  };
  const out = server.sandbox.call("kms", "ListKeys", { Limit: 1000 }, ctx);
  return z
    .object({ Keys: z.array(z.object({ KeyId: z.string() })) })
    .parse(out)
    .Keys.map((k) => k.KeyId)
    .sort();
}

describe("runScan over the demo world", () => {
  let server: SandboxServer;
  let config: KmsDriftConfig;
  let snapshot: Snapshot;
  const events: ScanProgress[] = [];

  beforeAll(async () => {
    server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
    config = await loadConfig("lib/sandbox/worlds/demo.config.json");
    snapshot = await runScan(
      { endpoint: server.url, credentials: AUDITOR, config, regions: "all" },
      (e) => events.push(e),
    );
  }, 120_000);
  afterAll(async () => {
    await server.close();
  });

  it("lists every key of every enabled region of both accounts, exactly", () => {
    const manifest = server.manifest;
    expect(snapshot.accounts.sort()).toEqual(manifest.accounts.map((a) => a.id).sort());
    for (const account of snapshot.accounts) {
      for (const region of manifest.enabledRegions) {
        const scan = snapshot.regions.find((r) => r.account === account && r.region === region);
        expect(scan?.status, `${account} ${region}`).toMatch(/^(ok|partial)$/);
        const read = snapshot.keys
          .filter((k) => k.account === account && k.region === region)
          .map((k) => k.keyId)
          .sort();
        expect(read, `${account} ${region}`).toEqual(heldKeyIds(server, account, region));
        expect(scan?.keyCount).toBe(read.length);
      }
      for (const region of manifest.notEnabledRegions) {
        expect(
          snapshot.regions.find((r) => r.account === account && r.region === region)?.status,
        ).toBe("not-enabled");
      }
    }
    expect(snapshot.regions.filter((r) => r.status === "error")).toEqual([]);
    expect(snapshot.source).toEqual({ kind: "sandbox", endpoint: server.url, partition: "aws" });
  });

  it("forms the world's families and audits every member; keys in no family are listed, not read", () => {
    const ids = new Set(snapshot.families.map((f) => f.id));
    const planted = [
      ...server.manifest.drifts.map((d) => d.familyId),
      ...server.manifest.inSyncFamilies,
    ];
    expect(planted.filter((id) => !ids.has(id))).toEqual([]);
    expect(snapshot.families).toHaveLength(server.manifest.stats.families ?? -1);
    const byArn = new Map(snapshot.keys.map((k) => [k.arn, k]));
    for (const family of snapshot.families) {
      for (const member of family.members)
        expect(byArn.get(member.arn)?.audited, member.arn).toBe(true);
    }
    const members = new Set(snapshot.families.flatMap((f) => f.members.map((m) => m.arn)));
    expect(snapshot.keys.filter((k) => k.audited && !members.has(k.arn))).toEqual([]);
    expect(snapshot.keys.filter((k) => k.metadata.KeyManager === "AWS").length).toBe(
      server.manifest.stats.awsManagedKeys,
    );
    expect(snapshot.keys.filter((k) => k.metadata.KeyManager === "AWS" && k.audited)).toEqual([]);
    const unaudited = snapshot.keys.filter((k) => !k.audited);
    expect(unaudited.length).toBeGreaterThan(0);
    // Described (real state, spec and manager from DescribeKey), but no independent property read.
    for (const key of unaudited) {
      expect(key.metadata.KeySpec, key.arn).not.toBe("");
      expect(key.metadata.Arn, key.arn).toBe(key.arn);
      expect([key.policy, key.grants, key.tags, key.rotation], key.arn).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
  });

  it("sends only read-only calls", async () => {
    const calls = await fetchCalls(server);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((c) => !READ_ONLY.test(c.operation)).map((c) => c.operation)).toEqual([]);
  });

  it("spends one ListAliases per region and reads rotation once per multi-Region family", async () => {
    const calls = await fetchCalls(server);
    const listAliases = new Map<string, number>();
    for (const c of calls.filter((c) => c.operation === "ListAliases"))
      listAliases.set(
        `${c.account}|${c.region}`,
        (listAliases.get(`${c.account}|${c.region}`) ?? 0) + 1,
      );
    expect([...listAliases.values()].every((n) => n === 1)).toBe(true);
    const expectedRotationReads = snapshot.keys.filter(
      (k) =>
        k.audited &&
        supportsRotation(k.metadata) &&
        (!k.metadata.MultiRegion ||
          k.metadata.MultiRegionConfiguration?.MultiRegionKeyType === "PRIMARY"),
    ).length;
    expect(calls.filter((c) => c.operation === "GetKeyRotationStatus")).toHaveLength(
      expectedRotationReads,
    );
    for (const family of snapshot.families.filter((f) => f.kind === "multi-region")) {
      const rotations = family.members.map((m) =>
        JSON.stringify(snapshot.keys.find((k) => k.arn === m.arn)?.rotation ?? null),
      );
      expect(new Set(rotations).size, family.id).toBe(1);
    }
  });

  it("records an unreadable policy on the key and reports it as a readability finding", () => {
    const drift = server.manifest.drifts.find((d) => d.property === "readability");
    expect(drift).toBeDefined();
    const record = snapshot.keys.find(
      (k) => k.account === drift?.account && k.region === drift?.region && k.keyId === drift?.keyId,
    );
    expect(record?.policy).toBeNull();
    expect(record?.errors).toContainEqual(
      expect.objectContaining({ property: "policy", code: "AccessDeniedException" }),
    );
    expect(
      snapshot.findings.some(
        (f) =>
          f.property === "readability" &&
          f.region === drift?.region &&
          f.familyId === drift?.familyId,
      ),
    ).toBe(true);
    expect(
      snapshot.regions.find((r) => r.account === drift?.account && r.region === drift?.region)
        ?.status,
    ).toBe("partial");
  });

  it("finds every planted drift with its property, region and severity, and nothing else", () => {
    const key = (familyId: string, property: string, region: string) =>
      `${familyId} ${property} ${region}`;
    for (const drift of server.manifest.drifts) {
      const severities = snapshot.findings
        .filter(
          (f) =>
            f.familyId === drift.familyId &&
            f.property === drift.property &&
            f.region === drift.region,
        )
        .map((f) => f.severity);
      expect(severities, key(drift.familyId, drift.property, drift.region)).toContain(
        drift.expectedSeverity,
      );
    }
    const planted = new Set(
      server.manifest.drifts.map((d) => key(d.familyId, d.property, d.region)),
    );
    const unexplained = snapshot.findings.filter(
      (f) => !planted.has(key(f.familyId, f.property, f.region)),
    );
    expect(unexplained.map((f) => `${key(f.familyId, f.property, f.region)}: ${f.title}`)).toEqual(
      [],
    );
    const inSync = new Set(server.manifest.inSyncFamilies);
    expect(snapshot.findings.filter((f) => inSync.has(f.familyId))).toEqual([]);
  });

  it("reports nothing for policies planted to read differently and allow the same, one per rewrite class", () => {
    const rewritten = server.manifest.sameMeaning ?? [];
    expect(rewritten.map((r) => r.rewrite).sort()).toEqual(
      SAME_MEANING_REWRITES.map((r) => r.name).sort(),
    );
    for (const { familyId, region, rewrite } of rewritten) {
      const family = snapshot.families.find((f) => f.id === familyId);
      const policyOf = (r: string | null | undefined) =>
        snapshot.keys.find((k) => k.region === r && family?.members.some((m) => m.arn === k.arn))
          ?.policy;
      const here = policyOf(region);
      const reference = policyOf(family?.referenceRegion);
      // The texts differ beyond the region name, so the test means something...
      expect(here, rewrite).toBeTruthy();
      expect(
        JSON.stringify(replaceRegionDeep(here, region, family?.referenceRegion ?? "")),
        rewrite,
      ).not.toBe(JSON.stringify(reference));
      // ...and kms-drift reports nothing for the family.
      expect(
        snapshot.findings.filter((f) => f.familyId === familyId),
        rewrite,
      ).toEqual([]);
    }
  });

  it("applies the demo config's waivers: the active one marks its finding waived, the expired one no longer does", () => {
    type WaivedDrift = PlantedDrift & { waiver?: { state: "active" | "expired" } };
    const waived = (server.manifest.drifts as WaivedDrift[]).filter((d) => d.waiver !== undefined);
    expect(waived.map((d) => d.waiver?.state).sort()).toEqual(["active", "expired"]);
    for (const drift of waived) {
      const findings = snapshot.findings.filter(
        (f) =>
          f.familyId === drift.familyId &&
          f.property === drift.property &&
          f.region === drift.region,
      );
      const original = findings.find((f) => !f.title.startsWith("waiver expired"));
      expect(original?.waived, drift.familyId).toBe(drift.waiver?.state === "active");
      const expiredNotice = findings.find((f) => f.title.startsWith("waiver expired"));
      expect(expiredNotice?.severity).toBe(drift.waiver?.state === "expired" ? "info" : undefined);
    }
  });

  it("joins CloudTrail: every planted drift's finding names the actor and event the world planted", () => {
    const planted = server.manifest.drifts.filter(
      (d) => d.actor !== undefined && d.eventName !== undefined,
    );
    expect(planted.length).toBeGreaterThanOrEqual(20);
    for (const drift of planted) {
      const label = `${drift.familyId} ${drift.property} ${drift.region}`;
      const finding = snapshot.findings.find(
        (f) =>
          f.familyId === drift.familyId &&
          f.property === drift.property &&
          f.region === drift.region,
      );
      const event = finding?.attribution.find(
        (a) =>
          a.eventName === drift.eventName &&
          normalizeActor(a.actor) === normalizeActor(drift.actor ?? ""),
      );
      expect(event, label).toBeDefined();
      expect(finding?.title, label).toMatch(/ — last changed by .+ UTC$/);
    }
    const referenced = new Set(
      snapshot.findings.flatMap((f) => f.attribution.map((a) => a.eventId)),
    );
    const kept = new Set(snapshot.events.map((e) => e.eventId));
    expect([...referenced].every((id) => kept.has(id))).toBe(true);
    const scanned = snapshot.regions.filter((r) => r.status === "ok" || r.status === "partial");
    expect(scanned.every((r) => r.trail?.status === "ok")).toBe(true);
  });

  it("reports progress through every phase and counts calls", () => {
    expect([...new Set(events.map((e) => e.phase))]).toEqual([
      "identity",
      "list",
      "read",
      "trail",
      "detect",
      "done",
    ]);
    const last = events[events.length - 1];
    expect(last?.regionsDone).toBe(last?.regionsTotal);
    expect(last?.keysRead).toBe(last?.keysTotal);
    expect(snapshot.regions.reduce((n, r) => n + r.apiCalls, 0)).toBeGreaterThan(
      snapshot.summary.auditedKeys * 3,
    );
    expect(snapshot.summary.auditedKeys).toBe(snapshot.keys.filter((k) => k.audited).length);
  });
});

describe("runScan with faults", () => {
  it("a region that is down is an error; every other region is complete and findings are still reported", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { down: ["eu-west-1"] },
    });
    try {
      const config = await loadConfig("lib/sandbox/worlds/demo.config.json");
      const snapshot = await runScan({
        endpoint: server.url,
        credentials: AUDITOR,
        config,
        regions: [...server.manifest.enabledRegions],
      });
      const down = snapshot.regions.filter((r) => r.region === "eu-west-1");
      expect(down.map((r) => r.status)).toEqual(["error", "error"]);
      expect(down[0]?.error).toMatch(/socket hang up|ECONNRESET|ECONNREFUSED|closed/i);
      expect(
        snapshot.regions
          .filter((r) => r.region !== "eu-west-1")
          .every((r) => r.status === "ok" || r.status === "partial"),
      ).toBe(true);
      expect(snapshot.keys.some((k) => k.region === "eu-west-1")).toBe(false);
      expect(snapshot.findings.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  }, 120_000);

  it("a region that is not enabled is recorded as not-enabled, not as a failure", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "empty",
      seed: 1,
      faults: { notEnabled: ["eu-north-1"] },
    });
    try {
      const snapshot = await runScan({
        endpoint: server.url,
        credentials: AUDITOR,
        regions: ["eu-north-1", "us-east-1"],
      });
      expect(
        snapshot.regions.filter((r) => r.region === "eu-north-1").map((r) => r.status),
      ).toEqual(["not-enabled"]);
      expect(snapshot.regions.find((r) => r.region === "us-east-1")?.status).toBe("ok");
      expect(snapshot.summary.regions["not-enabled"]).toBe(1);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("completes under quotas twenty times tighter than AWS's and counts the throttles", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { quotas: "aws", quotaScale: 0.05 },
    });
    try {
      const snapshot = await runScan({
        endpoint: server.url,
        credentials: AUDITOR,
        regions: ["us-east-1", "eu-west-1"],
        // LookupEvents at 5% of 2/s would take minutes; this test is about KMS throttling. So
        // would GetKeyLastUsage at 5% of 5/s (0.25/s for ~20 keys a region).
        trail: false,
        config: parseConfig({ lastUse: { read: false } }, "test"),
      });
      expect(snapshot.regions.every((r) => r.status === "ok" || r.status === "partial")).toBe(true);
      expect(snapshot.regions.reduce((n, r) => n + r.throttledCalls, 0)).toBeGreaterThan(0);
      const unreadable = snapshot.keys
        .flatMap((k) => k.errors)
        .filter((e) => e.code === "ThrottlingException");
      expect(unreadable).toEqual([]);
      const calls = await fetchCalls(server);
      expect(snapshot.regions.reduce((n, r) => n + r.apiCalls, 0)).toBe(
        calls.filter((c) => c.service === "kms").length,
      );
    } finally {
      await server.close();
    }
  }, 120_000);

  it("marks unfinished regions as deadline exceeded", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { latencyMs: 400 },
    });
    try {
      const snapshot = await runScan({
        endpoint: server.url,
        credentials: AUDITOR,
        regions: ["us-east-1"],
        timeoutMs: 1_500,
      });
      expect(snapshot.regions.map((r) => [r.status, r.error])).toEqual([
        ["error", "deadline exceeded"],
      ]);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("an account whose role cannot be assumed is an error in each of its regions; the caller's account is scanned", async () => {
    const server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
    try {
      const config = parseConfig(
        { accounts: [{ id: "444455556666", roleArn: "arn:aws:iam::444455556666:role/no-trust" }] },
        "test",
      );
      const snapshot = await runScan({
        endpoint: server.url,
        credentials: AUDITOR,
        config,
        regions: ["us-east-1", "eu-west-1"],
      });
      const second = snapshot.regions.filter((r) => r.account === "444455556666");
      expect(second.map((r) => r.status)).toEqual(["error", "error"]);
      expect(second[0]?.error).toMatch(
        /^AccessDenied: cannot assume arn:aws:iam::444455556666:role\/no-trust: /,
      );
      expect(
        snapshot.regions
          .filter((r) => r.account === "111122223333")
          .every((r) => r.status !== "error"),
      ).toBe(true);
      const assumeRoles = (await fetchCalls(server)).filter((c) => c.operation === "AssumeRole");
      expect(assumeRoles.length).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  }, 60_000);

  it("follows AWS_ENDPOINT_URL when there is no explicit endpoint (the SDK reads it itself)", async () => {
    const server = await startSandboxServer({ port: 0, world: "empty", seed: 1 });
    try {
      vi.stubEnv("AWS_ENDPOINT_URL", server.url);
      const snapshot = await runScan({ credentials: AUDITOR, regions: ["us-east-1"] });
      expect(snapshot.regions.map((r) => r.status)).toEqual(["ok"]);
      expect(snapshot.source).toEqual({ kind: "sandbox", endpoint: server.url, partition: "aws" });
      expect((await fetchCalls(server)).some((c) => c.operation === "ListKeys")).toBe(true);
    } finally {
      await server.close();
    }
  }, 60_000);
});

afterEach(() => {
  vi.unstubAllEnvs();
});
