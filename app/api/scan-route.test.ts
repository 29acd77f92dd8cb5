import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/server";
import { getScanStatus } from "@/lib/server/scan-service";
import { GET as getHealth, POST as postHealth } from "./health/route";
import { GET, POST } from "./scan/route";

let sandbox: SandboxServer;
let dataDir = "";

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, world: "empty", seed: 1 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-scan-route-"));
  vi.stubEnv("KMS_DRIFT_DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("KMS_DRIFT_REGIONS", "us-east-1");
  vi.stubEnv("AWS_ENDPOINT_URL", sandbox.url);
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAQKMSDRIFTAUDIT1");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "x");
  vi.stubEnv("AWS_REGION", "us-east-1");
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

const post = () =>
  POST(new Request("http://127.0.0.1/api/scan", { method: "POST" }), {
    params: Promise.resolve({}),
  });

describe("POST /api/scan", () => {
  it("starts exactly one scan when many requests arrive at once: one 202, the rest 409", async () => {
    const responses = await Promise.all(Array.from({ length: 6 }, post));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 409, 409, 409, 409, 409]);
    const conflict = responses.find((r) => r.status === 409);
    expect(await conflict?.json()).toEqual({
      error: { code: "conflict", message: "a scan is already running" },
    });
    await vi.waitFor(async () => expect((await getScanStatus()).running).toBe(false), {
      timeout: 30_000,
      interval: 100,
    });
    const status = (await (
      await GET(new Request("http://127.0.0.1/api/scan"), { params: Promise.resolve({}) })
    ).json()) as { lastOutcome: { status: string } | null };
    expect(status.lastOutcome?.status).toBe("ok");
  }, 60_000);
});

describe("a route's unserved method", () => {
  it("answers 405 with the documented body and Allow", async () => {
    expect((await getHealth()).status).toBe(200);
    const response = postHealth(new Request("http://127.0.0.1/api/health", { method: "POST" }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: "POST is not allowed here" },
    });
  });
});
