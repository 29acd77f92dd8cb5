import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { main } from "../cli/main";
import { createMemoryIo } from "../cli/memory-io";
import { EXIT_INCOMPLETE } from "../cli/scan-outcome";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { MAX_IDENTITY_REGIONS } from "./identify-caller";
import { stubAuditorCredentialsEnv } from "../sandbox/testing/auditor-env";

const DEMO_CONFIG = "lib/sandbox/worlds/demo.config.json";
let sandbox: SandboxServer;

beforeAll(async () => {
  sandbox = await startSandboxServer({
    port: 0,
    world: "demo",
    seed: 1,
    faults: { down: ["us-east-1", "eu-west-1", "ap-northeast-1"] },
  });
});
afterAll(() => sandbox.close());
stubAuditorCredentialsEnv();

async function scan(regions: string) {
  const io = createMemoryIo();
  const argv = ["scan", "--endpoint", sandbox.url, "--regions", regions, "--no-trail", "--quiet"];
  const code = await main([...argv, "--fail-on", "none", "--config", DEMO_CONFIG], io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe("sts:GetCallerIdentity when the first listed region is down", () => {
  it("asks the next listed region, and the scan reports the down region as failed", async () => {
    const result = await scan("us-east-1,us-west-2");
    expect(result.code).toBe(EXIT_INCOMPLETE);
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    expect(snapshot.accounts[0]).toMatch(/^\d{12}$/);
    expect(snapshot.regions.map((r) => [r.region, r.status])).toEqual(
      expect.arrayContaining([
        ["us-east-1", "error"],
        ["us-west-2", "ok"],
      ]),
    );
    const sts = (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()) as {
      service: string;
      region: string;
      status: number;
    }[];
    expect(
      sts.filter((c) => c.service === "sts").map((c) => [c.region, c.status === 200]),
    ).toContainEqual(["us-west-2", true]);
  }, 60_000);

  it(`gives up after ${MAX_IDENTITY_REGIONS} regions with one line naming them, exit 2`, async () => {
    const result = await scan("us-east-1,eu-west-1,ap-northeast-1,us-west-2");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr.trimEnd()).toMatch(
      /^kms-drift: cannot reach AWS at http:\/\/127\.0\.0\.1:\d+: .+ \(sts:GetCallerIdentity tried in us-east-1, eu-west-1, ap-northeast-1\)$/,
    );
  }, 60_000);
});
