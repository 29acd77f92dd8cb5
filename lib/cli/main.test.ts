import { spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kms-drift-cli-"));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function runCli(argv: string[], env: Record<string, string | undefined> = {}) {
  const io = createMemoryIo(env);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

/** Exactly one line, no stack trace. */
function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr.trimEnd()).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe("kms-drift CLI: usage and help", () => {
  it("documents commands and every scan flag", async () => {
    const top = await runCli(["--help"]);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/scan .*\n.*export/s);
    const scan = await runCli(["scan", "--help"]);
    expect(scan.code).toBe(0);
    for (const flag of [
      "--endpoint",
      "--profile",
      "--regions",
      "--config",
      "--since",
      "--no-trail",
      "--format",
      "--out",
      "--fail-on",
      "--timeout",
      "--save",
      "--quiet",
    ]) {
      expect(scan.stdout).toContain(flag);
    }
  });

  it("rejects an unknown command and an unknown flag with exit 2", async () => {
    expectOneLine((await runCli(["scna"])).stderr, /unknown command "scna"/);
    const flag = await runCli(["scan", "--regoins", "us-east-1"]);
    expect(flag.code).toBe(2);
    expectOneLine(flag.stderr, /--regoins/);
  });
});

describe("kms-drift scan: bad input is exit 2 with one line", () => {
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE01");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "dummy");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("unknown region", async () => {
    const result = await runCli([
      "scan",
      "--regions",
      "us-east-1,mars-1",
      "--endpoint",
      "http://127.0.0.1:1",
      "--quiet",
    ]);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^kms-drift: unknown region mars-1$/);
  });

  it.each(["7", "7w", "91d", "-3h", "1.5d"])("malformed --since %s", async (since) => {
    const result = await runCli(["scan", `--since=${since}`, "--quiet"]);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /--since: invalid duration/);
  });

  it("bad --format and --fail-on values", async () => {
    expectOneLine(
      (await runCli(["scan", "--format", "xml"])).stderr,
      /--format: expected one of json, table, csv/,
    );
    expectOneLine(
      (await runCli(["scan", "--fail-on", "severe"])).stderr,
      /--fail-on: expected one of critical/,
    );
  });

  it("config that is not valid JSON names the file, line and column", async () => {
    const path = await tempFile("bad.json", '{\n  "regions": [\n    "us-east-1",\n  ]\n}');
    const result = await runCli(["scan", "--config", path]);
    expect(result.code).toBe(2);
    expectOneLine(
      result.stderr,
      new RegExp(`config ${path} is not valid JSON: .* at line 4, column 3`),
    );
  });

  it("config failing the schema names the field path", async () => {
    const path = await tempFile(
      "schema.json",
      JSON.stringify({ residency: [{ name: "eu", selector: {}, allowedRegions: "eu-*" }] }),
    );
    const result = await runCli(["scan", "--config", path]);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /invalid config .*schema\.json: residency\[0\]\.allowedRegions: /);
  });

  it("config from KMS_DRIFT_CONFIG is used when --config is absent", async () => {
    const path = await tempFile("env.json", '{"regions": ["nowhere-9"]}');
    const result = await runCli(["scan"], { KMS_DRIFT_CONFIG: path });
    expectOneLine(result.stderr, /regions\[0\]: expected a region name/);
  });

  it("a profile that does not exist: no AWS credentials found", async () => {
    const home = await mkdtemp(join(tmpdir(), "kms-drift-home-"));
    vi.stubEnv("AWS_CONFIG_FILE", join(home, "config"));
    vi.stubEnv("AWS_SHARED_CREDENTIALS_FILE", join(home, "credentials"));
    const result = await runCli([
      "scan",
      "--profile",
      "nobody",
      "--regions",
      "us-east-1",
      "--endpoint",
      "http://127.0.0.1:1",
      "--quiet",
    ]);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, /^kms-drift: no AWS credentials found: .*nobody/);
  });

  it("an endpoint that refuses connections", async () => {
    const result = await runCli([
      "scan",
      "--regions",
      "us-east-1,eu-west-1",
      "--endpoint",
      "http://127.0.0.1:1",
      "--quiet",
    ]);
    expect(result.code).toBe(2);
    expectOneLine(
      result.stderr,
      /^kms-drift: cannot reach AWS at http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  });
});

describe("kms-drift as a real process", () => {
  it("prints one line and exits 2 when there are no credentials at all", async () => {
    const home = await mkdtemp(join(tmpdir(), "kms-drift-home-"));
    const env: Record<string, string | undefined> = {
      PATH: process.env.PATH,
      HOME: home,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      NO_COLOR: "1",
      NPM_CONFIG_UPDATE_NOTIFIER: "false",
    };
    const result = spawnSync(
      "npx",
      [
        "tsx",
        "lib/cli/main.ts",
        "scan",
        "--regions",
        "us-east-1",
        "--endpoint",
        "http://127.0.0.1:1",
        "--quiet",
      ],
      {
        cwd: process.cwd(),
        env: { NODE_ENV: "test", ...env },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expectOneLine(result.stderr, /^kms-drift: no AWS credentials found: /);
  }, 60_000);
});
