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

/** Credentials that sign requests but reach nothing real. */
function useDummyCredentials(): void {
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLEEXAMPLE01");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "dummy");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
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
  useDummyCredentials();

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

  it.each([
    [
      { AWS_ENDPOINT_URL_KMS: "not a url" },
      /^kms-drift: invalid environment variable AWS_ENDPOINT_URL_KMS: expected a URL$/,
    ],
    [
      { KMS_DRIFT_CONFIG: " " },
      /^kms-drift: invalid environment variable KMS_DRIFT_CONFIG: empty path$/,
    ],
    [
      { DATABASE_URL: "mysql://db" },
      /^kms-drift: invalid environment variable DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL$/,
    ],
  ])("a bad environment variable %o, before any AWS call", async (env, line) => {
    const result = await runCli(["scan", "--endpoint", "http://127.0.0.1:1", "--quiet"], env);
    expect(result.code).toBe(2);
    expectOneLine(result.stderr, line);
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

describe("kms-drift: flag edge cases are one line and exit 2, before any AWS call", () => {
  useDummyCredentials();
  // An endpoint that refuses connections: a scan that starts ends in "cannot reach AWS", so a
  // flag error in its place shows the flag was checked first.
  const scan = (...flags: string[]) =>
    runCli(["scan", "--endpoint", "http://127.0.0.1:1", "--quiet", ...flags]);

  it("--regions that names no region", async () => {
    for (const regions of [",,", " , "]) {
      const result = await scan("--regions", regions);
      expect(result.code).toBe(2);
      expectOneLine(result.stderr, /^kms-drift: --regions: no region named; expected e\.g\. /);
    }
  });

  it("--timeout beyond what a timer can honour, and negative values", async () => {
    const long = await scan("--regions", "us-east-1", "--timeout", "597h");
    expect(long.code).toBe(2);
    expectOneLine(long.stderr, /^kms-drift: --timeout: invalid duration "597h": at most 24d$/);
    const days = await scan("--regions", "us-east-1", "--timeout", "25d");
    expectOneLine(days.stderr, /--timeout: invalid duration "25d": at most 24d$/);
    const negative = await scan("--regions", "us-east-1", "--timeout", "-5s");
    expectOneLine(
      negative.stderr,
      /^kms-drift: --timeout: invalid duration "-5s": must not be negative/,
    );
  });

  it("--since with a negative number names the value, not parseArgs' ambiguity", async () => {
    for (const argv of [["--since", "-5d"], ["--since=-5d"]]) {
      const result = await scan("--regions", "us-east-1", ...argv);
      expect(result.code).toBe(2);
      expectOneLine(
        result.stderr,
        /^kms-drift: --since: invalid duration "-5d": must not be negative \(e\.g\. 90m, 36h, 7d\)$/,
      );
    }
  });

  it("--out in a directory that does not exist, or naming a directory", async () => {
    const missing = await scan("--regions", "us-east-1", "--out", "/nonexistent/x.json");
    expect(missing.code).toBe(2);
    expectOneLine(
      missing.stderr,
      /^kms-drift: --out \/nonexistent\/x\.json: directory \/nonexistent does not exist$/,
    );
    const dir = await mkdtemp(join(tmpdir(), "kms-drift-outdir-"));
    const isDir = await scan("--regions", "us-east-1", "--out", dir);
    expectOneLine(isDir.stderr, /: is a directory$/);
    const exported = await runCli(["export", "--out", "/nonexistent/x.json"], {
      KMS_DRIFT_DATA_DIR: join(dir, "data"),
    });
    expect(exported.code).toBe(2);
    expectOneLine(
      exported.stderr,
      /^kms-drift export: --out \/nonexistent\/x\.json: directory \/nonexistent does not exist$/,
    );
  });

  it("KMS_DRIFT_DATA_DIR that is a file", async () => {
    const file = await tempFile("not-a-dir", "x");
    const env = { KMS_DRIFT_DATA_DIR: file };
    const exported = await runCli(["export", "--format", "csv"], env);
    expect(exported.code).toBe(2);
    expectOneLine(
      exported.stderr,
      new RegExp(`^kms-drift export: KMS_DRIFT_DATA_DIR ${file} is not a directory$`),
    );
    const saved = await runCli(
      ["scan", "--endpoint", "http://127.0.0.1:1", "--regions", "us-east-1", "--save", "--quiet"],
      env,
    );
    expect(saved.code).toBe(2);
    expectOneLine(
      saved.stderr,
      new RegExp(`^kms-drift: KMS_DRIFT_DATA_DIR ${file} is not a directory$`),
    );
  });

  it("a config nested thousands of levels deep", async () => {
    const deepPolicy = `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}`;
    const baseline = await tempFile(
      "deep-policy.json",
      `{"baselines":[{"selector":{},"policy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":${deepPolicy}}]}}]}`,
    );
    const arrays = await tempFile(
      "deep-arrays.json",
      `${"[".repeat(100_000)}${"]".repeat(99_999)}`,
    );
    for (const path of [baseline, arrays]) {
      const result = await scan("--regions", "us-east-1", "--config", path);
      expect(result.code).toBe(2);
      expectOneLine(
        result.stderr,
        new RegExp(`^kms-drift: config ${path} is nested deeper than 64 levels$`),
      );
    }
  });

  it("a config larger than 1 MiB", async () => {
    const path = await tempFile(
      "big.json",
      JSON.stringify({ regions: "all", pad: "x".repeat(1_100_000) }),
    );
    const result = await scan("--config", path);
    expect(result.code).toBe(2);
    expectOneLine(
      result.stderr,
      /^kms-drift: config .*big\.json is \d+ bytes, more than the 1 MiB a config may be$/,
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
