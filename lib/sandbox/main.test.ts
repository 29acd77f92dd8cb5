import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseSandboxArgs } from "./cli-options";

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function runMain(
  args: string[],
  untilLine?: RegExp,
): Promise<{ code: number | null; stdout: string; stderr: string; line?: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [path.join(__dirname, "main.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    let stdout = "";
    let stderr = "";
    let line: string | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = untilLine ? stdout.split("\n").find((l) => untilLine.test(l)) : undefined;
      if (match && line === undefined) {
        line = match;
        child.kill("SIGTERM");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, line }));
  });
}

describe("sandbox flags", () => {
  it("parses every flag into server options", () => {
    const parsed = parseSandboxArgs([
      "--port",
      "0",
      "--world",
      "large",
      "--seed",
      "9",
      "--keys",
      "100",
      "--anchor",
      "2026-11-01T00:00:00Z",
      "--account",
      "123456789012",
      "--account-map",
      "AKIAA=444455556666,AKIAB=777788889999",
      "--latency-ms",
      "5",
      "--quotas",
      "aws",
      "--quota-scale",
      "0.5",
      "--down",
      "eu-west-1",
      "--not-enabled",
      "ap-east-1,me-south-1",
      "--deny",
      "kms:ListAliases@eu-west-1",
      "--read-events",
      "50",
    ]);
    expect(parsed).toEqual({
      kind: "run",
      options: {
        port: 0,
        host: undefined,
        world: "large",
        seed: 9,
        keys: 100,
        anchor: new Date("2026-11-01T00:00:00Z"),
        readEvents: 50,
        defaultAccount: "123456789012",
        accountMap: { AKIAA: "444455556666", AKIAB: "777788889999" },
        faults: {
          latencyMs: 5,
          quotas: "aws",
          quotaScale: 0.5,
          down: ["eu-west-1"],
          notEnabled: ["ap-east-1", "me-south-1"],
          denied: [{ action: "kms:ListAliases", region: "eu-west-1" }],
        },
      },
    });
  });

  it("parses the org world's accounts and keys per account", () => {
    const parsed = parseSandboxArgs([
      "--port",
      "0",
      "--world",
      "org",
      "--accounts",
      "200",
      "--keys-per-account",
      "500",
    ]);
    expect(parsed.kind === "run" && parsed.options).toMatchObject({
      world: "org",
      accounts: 200,
      keysPerAccount: 500,
    });
    expect(parseSandboxArgs(["--port", "0", "--world", "org", "--accounts", "many"])).toEqual({
      kind: "error",
      message: "--accounts must be a whole number",
    });
    expect(parseSandboxArgs(["--port", "0", "--accounts", "20000"])).toEqual({
      kind: "error",
      message: "--accounts must be at most 10000",
    });
  });

  it("defaults world demo and seed 1, and explains bad flags in one line", () => {
    const ok = parseSandboxArgs(["--port", "4566"]);
    expect(ok.kind === "run" && ok.options.world === "demo" && ok.options.seed === 1).toBe(true);
    expect(parseSandboxArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseSandboxArgs(["--world", "demo"])).toEqual({
      kind: "error",
      message: "--port is required (use 0 for a free port)",
    });
    expect(parseSandboxArgs(["--port", "1", "--world", "huge"])).toEqual({
      kind: "error",
      message: "--world must be demo, empty, large or org",
    });
    expect(parseSandboxArgs(["--port", "abc"])).toEqual({
      kind: "error",
      message: "--port must be a whole number",
    });
    expect(parseSandboxArgs(["--port", "1", "--account", "12"])).toEqual({
      kind: "error",
      message: "--account must be a 12-digit account id",
    });
    expect(parseSandboxArgs(["--port", "1", "--deny", "ListAliases"])).toEqual({
      kind: "error",
      message: '--deny entries must look like kms:ListAliases@eu-west-1, not "ListAliases"',
    });
    const unknown = parseSandboxArgs(["--port", "1", "--bogus"]);
    expect(unknown.kind).toBe("error");
  });
});

describe("npm run sandbox", () => {
  it("prints the listening line once it serves, and stops on SIGTERM", async () => {
    const result = await runMain(["--port", "0", "--world", "empty"], /listening on/);
    expect(result.line).toMatch(/^kms-drift sandbox listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(result.code).toBe(0);
  });

  it("exits 2 with one stderr line on a bad flag", async () => {
    const result = await runMain(["--port", "0", "--quotas", "sometimes"]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toEqual([
      "kms-drift sandbox: --quotas must be aws or off",
    ]);
  });
});
