import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { ScanSessions } from "./shard-work";
import { workerContext } from "./shard-worker";

const AUDITOR = {
  AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1",
  AWS_SECRET_ACCESS_KEY: "x",
  AWS_EC2_METADATA_DISABLED: "true",
};

describe("a worker's own identity (sts:GetCallerIdentity) is bounded in time", () => {
  let slow: SandboxServer;
  let sessions: ScanSessions;

  beforeAll(async () => {
    // Every answer comes 20 s late: an STS that hangs, as far as the worker can tell.
    slow = await startSandboxServer({ port: 0, world: "demo", faults: { latencyMs: 20_000 } });
  });
  afterAll(async () => {
    await slow?.close();
  });
  afterEach(() => {
    sessions?.closeAll();
    vi.unstubAllEnvs();
  });

  it("a hung STS fails the shard's identity check within the timeout, with one line naming it", async () => {
    for (const [name, value] of Object.entries(AUDITOR)) vi.stubEnv(name, value);
    sessions = new ScanSessions(slow.url);
    const context = workerContext({ endpoint: slow.url, identityTimeoutMs: 500 }, sessions);
    const started = performance.now();
    const outcome = await Promise.race([
      context.callerAccount("us-east-1").then(
        (account) => `answered ${account}`,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      ),
      new Promise<string>((resolve) => setTimeout(() => resolve("still waiting after 5 s"), 5_000)),
    ]);
    expect(outcome).toBe("sts:GetCallerIdentity gave no answer in us-east-1 within 0.5 s");
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
