import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "../sandbox/server";
import { startTestSandbox } from "../sandbox/testing/clients";
import { openStore } from "../store/store";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";

interface PipedRun {
  code: number | null;
  firstLine: string;
  stderr: string;
}

/** `kms-drift ARGS | head -1`: the real CLI, its stdout read until the first line, then closed. */
function runIntoHead(args: string[], env: Record<string, string>): Promise<PipedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "lib/cli/main.ts", ...args], {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: "test",
        NO_COLOR: "1",
        NPM_CONFIG_UPDATE_NOTIFIER: "false",
        AWS_EC2_METADATA_DISABLED: "true",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let firstLine = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      const end = out.indexOf("\n");
      if (end >= 0 && firstLine === "") {
        firstLine = out.slice(0, end);
        child.stdout.destroy();
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, firstLine, stderr }));
  });
}

describe("kms-drift … | head -1", () => {
  let dir: string;
  let server: SandboxServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kms-drift-pipe-"));
    // Large enough (several MB) that the CLI is still writing when the reader goes away.
    const findings = Array.from({ length: 3000 }, (_, i) =>
      makeFinding({ what: `drift-${i}`, title: `policy differs in eu-west-1 (${i})` }),
    );
    const store = await openStore({ dataDir: join(dir, "data") });
    await store.saveSnapshot(makeSnapshot({ id: "pipe-1", findings }));
    await store.close();
    server = await startTestSandbox({ world: "demo", seed: 1 });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("export exits quietly with 141 and nothing on stderr", async () => {
    for (const [format, firstLine] of [
      ["bundle", /^\{$/],
      ["csv", /^snapshot_id,finding_id,/],
    ] as const) {
      const result = await runIntoHead(["export", "--format", format], {
        KMS_DRIFT_DATA_DIR: join(dir, "data"),
      });
      expect(result.firstLine).toMatch(firstLine);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(141);
    }
  }, 120_000);

  it("scan exits quietly with 141 and nothing on stderr", async () => {
    const result = await runIntoHead(
      [
        "scan",
        "--endpoint",
        server.url,
        "--regions",
        "us-east-1,eu-west-1,ap-northeast-1",
        "--config",
        "lib/sandbox/worlds/demo.config.json",
        "--no-trail",
        "--quiet",
      ],
      { AWS_ACCESS_KEY_ID: "AKIAQKMSDRIFTAUDIT1", AWS_SECRET_ACCESS_KEY: "x" },
    );
    expect(result.firstLine).toBe("{");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(141);
  }, 120_000);

  it("a flag error is still one line and exit 2 from the real process", async () => {
    const result = await runIntoHead(["scan", "--timeout", "597h"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('kms-drift: --timeout: invalid duration "597h": at most 24d\n');
  }, 60_000);
});
