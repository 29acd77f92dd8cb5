import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../domain/finding";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import type { PlantedDrift } from "../sandbox/types";
import { attributeFindings } from "./attribute";
import { collectTrailEvents } from "./collect";
import {
  collectSandboxTrail,
  createSandboxTrailClient,
  fetchCallLog,
  findingFromDrift,
  normalizeActor,
  summarizeLookupCalls,
  type SandboxTrailRun,
} from "../sandbox/testing/sandbox-trail";
import { resolveTrailWindow } from "./window";

const SEED = 7;
const DOWN_REGION = "eu-west-1";
let quiet: SandboxServer;
let noisy: SandboxServer;
let faulty: SandboxServer;
let quietRun: SandboxTrailRun;
let noisyRun: SandboxTrailRun;
let faultyRun: SandboxTrailRun;
let window: { from: Date; to: Date };

type AttributedDrift = PlantedDrift & { actor: string; eventName: string; eventTime: string };

function attributedDrifts(server: SandboxServer): AttributedDrift[] {
  return server.manifest.drifts.filter(
    (d): d is AttributedDrift =>
      d.actor !== undefined &&
      d.eventName !== undefined &&
      d.eventTime !== undefined &&
      Date.parse(d.eventTime) >= window.from.getTime(),
  );
}

function findPlantedEvent(finding: Finding, drift: AttributedDrift) {
  return finding.attribution.find(
    (ref) =>
      ref.eventName === drift.eventName &&
      Date.parse(ref.eventTime) === Date.parse(drift.eventTime),
  );
}

beforeAll(async () => {
  [quiet, noisy, faulty] = await Promise.all([
    startSandboxServer({ port: 0, world: "demo", seed: SEED, readEvents: 0 }),
    startSandboxServer({ port: 0, world: "demo", seed: SEED, readEvents: 50_000 }),
    startSandboxServer({
      port: 0,
      world: "demo",
      seed: SEED,
      readEvents: 0,
      faults: { down: [DOWN_REGION] },
    }),
  ]);
  window = resolveTrailWindow({ now: new Date() });
  [quietRun, noisyRun, faultyRun] = await Promise.all([
    collectSandboxTrail(quiet.url, quiet.manifest, window),
    collectSandboxTrail(noisy.url, noisy.manifest, window),
    collectSandboxTrail(faulty.url, faulty.manifest, window),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([quiet?.close(), noisy?.close(), faulty?.close()]);
});

describe("trail attribution over the sandbox demo world", () => {
  it("covers every enabled region of both accounts", () => {
    expect(quietRun.runs).toHaveLength(
      quiet.manifest.accounts.length * quiet.manifest.enabledRegions.length,
    );
    for (const run of quietRun.runs)
      expect(run.coverage.status, `${run.account}:${run.region}`).toBe("ok");
    expect(quietRun.events.every((e) => e.keyIds.length > 0)).toBe(true);
  });

  it("names the planted actor of every planted drift whose event is in the window", () => {
    const drifts = attributedDrifts(quiet);
    expect(drifts.length).toBeGreaterThanOrEqual(20);
    const findings = attributeFindings(
      drifts.map(findingFromDrift),
      quietRun.events,
      [],
      quietRun.coverage,
    );
    for (const [index, drift] of drifts.entries()) {
      const finding = findings[index];
      const label = `${drift.familyId} ${drift.property} ${drift.region}`;
      const planted = finding && findPlantedEvent(finding, drift);
      expect(planted, label).toBeDefined();
      expect(planted && normalizeActor(planted.actor), label).toBe(normalizeActor(drift.actor));
      expect(finding?.title, label).toMatch(
        / — last changed by .+ on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/,
      );
    }
  });

  it("notes that a drift without any CloudTrail event predates the window", () => {
    const silent = quiet.manifest.drifts.filter(
      (d) => d.eventName === undefined && d.property === "replicaSet",
    );
    expect(silent.length).toBeGreaterThan(0);
    const findings = attributeFindings(
      silent.map(findingFromDrift),
      quietRun.events,
      [],
      quietRun.coverage,
    );
    for (const finding of findings) {
      expect(finding.attribution).toEqual([]);
      expect(finding.attributionNote).toMatch(/predates the CloudTrail window/);
    }
  });
});

describe("lookup volume and pacing (call log of the sandbox)", () => {
  it("sends as many LookupEvents with 50,000 read events as with none", async () => {
    const [quietCalls, noisyCalls] = await Promise.all([
      fetchCallLog(quiet.url),
      fetchCallLog(noisy.url),
    ]);
    const a = summarizeLookupCalls(quietCalls);
    const b = summarizeLookupCalls(noisyCalls);
    expect(a.total).toBe(quietRun.runs.reduce((sum, run) => sum + run.lookups, 0));
    expect(b.total).toBe(a.total);
    expect(b.perRegion).toEqual(a.perRegion);
    expect(noisyRun.events.map((e) => e.eventId).sort()).toEqual(
      quietRun.events.map((e) => e.eventId).sort(),
    );
  });

  it("never lets a region see more than 2 LookupEvents in any one second", async () => {
    for (const server of [quiet, noisy, faulty]) {
      const calls = await fetchCallLog(server.url);
      const summary = summarizeLookupCalls(calls);
      expect(summary.total).toBeGreaterThan(0);
      expect(summary.maxInAnySecond).toBeLessThanOrEqual(2);
    }
  });
});

describe("a region whose lookups fail", () => {
  it("reports an error coverage for the down region only, with no events from it", async () => {
    const perRegion = summarizeLookupCalls(await fetchCallLog(faulty.url)).perRegion;
    for (const run of faultyRun.runs) {
      // Every attempt counts, the SDK's own retries of dropped connections included.
      expect(perRegion.get(`${run.account}:${run.region}`)).toBe(run.lookups);
      if (run.region === DOWN_REGION) {
        expect(run.coverage.status).toBe("error");
        expect(run.events).toEqual([]);
      } else {
        expect(run.coverage.status).toBe("ok");
      }
    }
  });

  it("still attributes drifts elsewhere and notes the failure for drifts in that region", () => {
    const drifts = attributedDrifts(faulty);
    const findings = attributeFindings(
      drifts.map(findingFromDrift),
      faultyRun.events,
      [],
      faultyRun.coverage,
    );
    const inDown = findings.filter((f) => f.region === DOWN_REGION);
    const elsewhere = drifts.filter(
      (d) => d.region !== DOWN_REGION && d.referenceRegion !== DOWN_REGION,
    );
    expect(inDown.length).toBeGreaterThan(0);
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const finding of inDown) {
      expect(finding.attribution).toEqual([]);
      expect(finding.attributionNote).toMatch(/^CloudTrail lookup failed in eu-west-1: /);
    }
    for (const drift of elsewhere) {
      const finding = findings[drifts.indexOf(drift)];
      expect(finding && findPlantedEvent(finding, drift)?.actor, drift.familyId).toBeDefined();
    }
  });

  it("turns a closed port into an error coverage without throwing", async () => {
    const client = createSandboxTrailClient("http://127.0.0.1:9", "us-east-1", "AKIAEXAMPLE");
    const result = await collectTrailEvents({
      client,
      account: "111122223333",
      region: "us-east-1",
      window,
    });
    client.destroy();
    expect(result.coverage.status).toBe("error");
    expect(result.events).toEqual([]);
    // The SDK retries a refused connection itself (3 attempts by default); each attempt counts.
    expect(result.lookups).toBeGreaterThanOrEqual(1);
    expect(result.lookups).toBeLessThanOrEqual(3);
  });
});
