import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import type { Snapshot } from "../domain/snapshot";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";
import { stubAuditorCredentialsEnv } from "../sandbox/testing/auditor-env";

const DEMO_CONFIG = "lib/sandbox/worlds/demo.config.json";

async function runCli(argv: string[], isTTY = false) {
  const io = createMemoryIo({}, isTTY);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

function parseSnapshot(text: string): Snapshot {
  const value: unknown = JSON.parse(text);
  if (
    typeof value !== "object" ||
    value === null ||
    !("schemaVersion" in value) ||
    value.schemaVersion !== 1
  )
    throw new Error("not a snapshot");
  return value as Snapshot;
}

stubAuditorCredentialsEnv();

describe("kms-drift scan over the demo world", () => {
  let server: SandboxServer;
  const regions = "us-east-1,eu-west-1,ap-northeast-1";
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it("prints the snapshot JSON and exits 1 when findings reach --fail-on (default high)", async () => {
    const result = await runCli([
      "scan",
      "--endpoint",
      server.url,
      "--regions",
      regions,
      "--config",
      DEMO_CONFIG,
      "--since",
      "7d",
      "--no-trail",
    ]);
    const snapshot = parseSnapshot(result.stdout);
    expect(
      snapshot.findings.some(
        (f) => !f.waived && (f.severity === "high" || f.severity === "critical"),
      ),
    ).toBe(true);
    expect(result.code).toBe(1);
    expect(snapshot.parameters).toMatchObject({
      regions: regions.split(","),
      since: "7d",
      trail: false,
      configFile: DEMO_CONFIG,
    });
    expect(snapshot.regions.every((r) => r.trail?.status === "skipped")).toBe(true);
    expect(result.stderr).toMatch(/^kms-drift: done /m);
  }, 60_000);

  it("exits 0 with --fail-on none, writes --out, and stays quiet with --quiet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kms-drift-out-"));
    const out = join(dir, "snapshot.json");
    const result = await runCli([
      "scan",
      "--endpoint",
      server.url,
      "--regions",
      regions,
      "--config",
      DEMO_CONFIG,
      "--fail-on",
      "none",
      "--out",
      out,
      "--quiet",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("");
    expect(parseSnapshot(await readFile(out, "utf8")).keys.length).toBeGreaterThan(0);
  }, 60_000);

  it("--format table shows families × regions and the findings; --format csv neutralises formulas", async () => {
    const table = await runCli([
      "scan",
      "--endpoint",
      server.url,
      "--regions",
      regions,
      "--config",
      DEMO_CONFIG,
      "--format",
      "table",
      "--quiet",
    ]);
    expect(table.stdout).toMatch(/^FAMILY\s+KIND\s+ap-northeast-1\s+eu-west-1\s+us-east-1$/m);
    expect(table.stdout).toMatch(/^SEVERITY\s+FAMILY\s+REGION\s+PROPERTY\s+TITLE$/m);
    const csv = await runCli([
      "scan",
      "--endpoint",
      server.url,
      "--regions",
      regions,
      "--config",
      DEMO_CONFIG,
      "--format",
      "csv",
      "--quiet",
      "--fail-on",
      "critical",
    ]);
    const lines = csv.stdout.split("\r\n").filter((l) => l !== "");
    expect(lines[0]).toMatch(/^snapshot_id,finding_id,severity,property,family_id/);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.some((l) => /(^|,)"?[=+\-@]/.test(l))).toBe(false);
  }, 60_000);

  it("draws a redrawn progress bar on a terminal", async () => {
    const result = await runCli(
      ["scan", "--endpoint", server.url, "--regions", "us-east-1", "--fail-on", "none"],
      true,
    );
    expect(result.stderr).toContain("\r\x1b[2K[");
    expect(result.stderr.endsWith("\n")).toBe(true);
  }, 60_000);
});

describe("kms-drift scan with a region down", () => {
  it("reports the region as error and exits by findings, not 2", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { down: ["eu-west-1"] },
    });
    try {
      const result = await runCli([
        "scan",
        "--endpoint",
        server.url,
        "--regions",
        "us-east-1,eu-west-1,ap-northeast-1",
        "--config",
        DEMO_CONFIG,
        "--quiet",
      ]);
      const snapshot = parseSnapshot(result.stdout);
      expect(snapshot.regions.filter((r) => r.status === "error").map((r) => r.region)).toEqual([
        "eu-west-1",
        "eu-west-1",
      ]);
      expect(result.code).toBe(1);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe("kms-drift scan --save from cron, then export", () => {
  let server: SandboxServer;
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  it("stores every scan in the store the env names, and export reads back what was stored", async () => {
    const env = { KMS_DRIFT_DATA_DIR: await mkdtemp(join(tmpdir(), "kms-drift-cli-save-")) };
    const run = async (argv: string[]) => {
      const io = createMemoryIo(env);
      const code = await main(argv, io);
      return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
    };
    const scanArgs = ["scan", "--endpoint", server.url, "--regions", "us-east-1,eu-west-1"];
    const flags = ["--config", DEMO_CONFIG, "--save", "--no-trail", "--fail-on", "none"];
    const first = await run([...scanArgs, ...flags]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/snapshot [0-9a-f-]{36} saved/);
    const second = await run([...scanArgs, ...flags]);
    expect(second.code).toBe(0);
    const saved = parseSnapshot(second.stdout);

    const bundle = await run(["export", "--snapshot", saved.id, "--format", "bundle"]);
    expect(bundle.code).toBe(0);
    const parts = (
      JSON.parse(bundle.stdout) as {
        parts: { snapshot: Snapshot; comparison: { counts: Record<string, number> } };
      }
    ).parts;
    expect(parts.snapshot.id).toBe(saved.id);
    expect(parts.comparison.counts).toEqual({
      new: 0,
      resolved: 0,
      changed: 0,
      unchanged: saved.findings.length,
      unverified: 0,
    });

    const csv = await run(["export", "--snapshot", "latest", "--format", "csv"]);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split(/\r?\n/);
    expect(lines[0]?.startsWith("snapshot_id,finding_id,severity,property")).toBe(true);
    expect(lines.filter((line) => line.startsWith(saved.id))).toHaveLength(saved.findings.length);
  }, 120_000);
});
