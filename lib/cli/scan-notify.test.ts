import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { closedPort, startWebhookReceiver } from "../notify/testing/receivers";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { openStore } from "../store/store";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";

const SECRET = "cli-hook-secret";
let server: SandboxServer;
let dir: string;

beforeAll(async () => {
  server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
}, 60_000);
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "kms-drift-cli-notify-"));
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAQKMSDRIFTAUDIT1");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "x");
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

async function writeConfig(url: string, attempts: number): Promise<string> {
  const demo = JSON.parse(await readFile("lib/sandbox/worlds/demo.config.json", "utf8")) as object;
  const file = join(dir, "config.json");
  const notify = {
    dashboardUrl: "http://127.0.0.1:3000",
    retry: { attempts, initialDelayMs: 10, maxDelayMs: 20, timeoutMs: 2_000 },
    sinks: [{ type: "webhook", name: "siem", url, secretEnv: "HOOK_SECRET" }],
  };
  await writeFile(file, JSON.stringify({ ...demo, lastUse: { read: false }, notify }));
  return file;
}

async function scanAndSave(config: string) {
  const io = createMemoryIo({ KMS_DRIFT_DATA_DIR: join(dir, "data"), HOOK_SECRET: SECRET });
  const code = await main(
    [
      "scan",
      "--endpoint",
      server.url,
      "--regions",
      "us-east-1,eu-west-1",
      "--config",
      config,
      "--no-trail",
      "--save",
      "--quiet",
      "--format",
      "table",
    ],
    io,
  );
  return { code, stderr: io.stderrText() };
}

describe("kms-drift scan --save with notifications", () => {
  it("delivers the digest before exiting and says so on stderr", async () => {
    const hook = await startWebhookReceiver(SECRET);
    try {
      const { code, stderr } = await scanAndSave(await writeConfig(hook.url, 3));
      expect(code).toBe(1);
      expect(stderr).toBe("");
      const [payload] = hook.payloads();
      expect(hook.payloads()).toHaveLength(1);
      expect(payload?.counts.new).toBeGreaterThan(0);
      expect(payload?.new.every((f) => f.severity === "critical" || f.severity === "high")).toBe(
        true,
      );
    } finally {
      await hook.close();
    }
  }, 90_000);

  it("keeps the snapshot and the exit code when the receiver is down, and reports the failure", async () => {
    const { code, stderr } = await scanAndSave(
      await writeConfig(`http://127.0.0.1:${await closedPort()}/hook`, 2),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      "kms-drift: notification to siem: failed after 2 attempts: connection failed (ECONNREFUSED)\n",
    );
    const store = await openStore({ dataDir: join(dir, "data") });
    try {
      const [latest] = await store.listSnapshots({ limit: 1 });
      expect(latest).toBeDefined();
      const deliveries = await store.deliveries.listForSnapshot(latest?.id ?? "");
      expect(deliveries.map((d) => [d.sink, d.status, d.attempts])).toEqual([
        ["siem", "failed", 2],
      ]);
    } finally {
      await store.close();
    }
  }, 90_000);
});
