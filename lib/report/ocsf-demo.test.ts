import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run as runExport } from "../cli/commands/export";
import { createMemoryIo } from "../cli/memory-io";
import { loadConfig } from "../config";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { runScan } from "../scan/run-scan";
import { openStore } from "../store/store";
import { createOcsfValidator } from "./ocsf/testing-validator";

describe("kms-drift export --format ocsf over a demo-world snapshot", () => {
  let server: SandboxServer;
  let dir: string;

  beforeAll(async () => {
    server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
    dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-ocsf-"));
    const snapshot = await runScan({
      endpoint: server.url,
      credentials: { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" },
      config: await loadConfig("lib/sandbox/worlds/demo.config.json"),
      regions: ["us-east-1", "eu-west-1", "ap-northeast-1", "ap-southeast-2"],
      trail: false,
    });
    const store = await openStore({ dataDir: path.join(dir, "data") });
    await store.saveSnapshot(snapshot);
    await store.close();
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints a JSON array in which every element validates against the schema", async () => {
    const io = createMemoryIo({ KMS_DRIFT_DATA_DIR: path.join(dir, "data") });
    expect(await runExport(["--format", "ocsf"], io)).toBe(0);
    const findings = JSON.parse(io.stdoutText()) as { finding_info: { types: string[] } }[];
    expect(findings.length).toBeGreaterThan(10);
    const validate = createOcsfValidator();
    expect(findings.flatMap((f, i) => validate(f).map((p) => `#${i} ${p}`))).toEqual([]);
    const types = new Set(findings.map((f) => f.finding_info.types[0]));
    expect(types).toContain("kms-drift/policy");
    expect(types).toContain("kms-drift/usage");
  });
});
