import { CreateAliasCommand, CreateKeyCommand } from "@aws-sdk/client-kms";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { verifyBundle } from "../report/verify-bundle";
import type { SandboxServer } from "../sandbox/server";
import { createKms, startTestSandbox } from "../sandbox/testing/clients";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";
import { formatTable } from "./format-table";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";

/** ESC [31m (red), BEL, and RIGHT-TO-LEFT OVERRIDE, which shows "gnp.exe" as "exe.png". */
const EVIL = "\u001b[31mred\u0007\u202egnp.exe";
const SHOWN = "\\x1B[31mred\\x07\\u202Egnp.exe";
/** What must never reach a terminal raw (tab, LF and the CSV's own CRLF aside). */
const RAW_CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const ACCESS_KEY = "AKIATESTUSER";
const REGIONS = "us-east-1,eu-west-1";

async function runCli(argv: string[], env: Record<string, string> = {}) {
  const io = createMemoryIo(env);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe("no control or bidi character from AWS reaches the terminal", () => {
  let server: SandboxServer;
  let dataDir: string;
  const scan = (...flags: string[]) =>
    runCli(
      [
        "scan",
        "--endpoint",
        server.url,
        "--regions",
        REGIONS,
        "--no-trail",
        "--fail-on",
        "none",
      ].concat(flags),
      { KMS_DRIFT_DATA_DIR: dataDir },
    );

  beforeAll(async () => {
    server = await startTestSandbox();
    dataDir = await mkdtemp(join(tmpdir(), "kms-drift-terminal-"));
    // One alias family in two regions whose descriptions differ: a description finding that
    // carries the hostile text in expected/actual and in the remediation command.
    for (const [region, description] of [
      ["us-east-1", "payments key"],
      ["eu-west-1", EVIL],
    ] as const) {
      const kms = createKms(server.url, region, ACCESS_KEY);
      const key = await kms.send(new CreateKeyCommand({ Description: description }));
      await kms.send(
        new CreateAliasCommand({ AliasName: "alias/evil", TargetKeyId: key.KeyMetadata?.KeyId }),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", ACCESS_KEY);
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "sandbox-secret");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("scan --format csv shows them as visible escapes", async () => {
    const result = await scan("--format", "csv", "--quiet");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(SHOWN);
    expect(result.stdout.replace(/\r\n/g, "\n")).not.toMatch(RAW_CONTROL);
  }, 60_000);

  it("scan --format json escapes them and still parses to the same text", async () => {
    const result = await scan("--quiet", "--save");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(RAW_CONTROL);
    expect(result.stdout).toContain("\\u001b[31mred\\u0007\\u202egnp.exe");
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    const finding = snapshot.findings.find((f) => f.property === "description");
    expect([finding?.expected, finding?.actual]).toContain(EVIL);
  }, 60_000);

  it("export csv, html and bundle to stdout are terminal-safe; the bundle still verifies", async () => {
    const env = { KMS_DRIFT_DATA_DIR: dataDir };
    const csv = await runCli(["export", "--format", "csv"], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(SHOWN);
    expect(csv.stdout.replace(/\r\n/g, "\n")).not.toMatch(RAW_CONTROL);
    const html = await runCli(["export", "--format", "html"], env);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain(SHOWN);
    expect(html.stdout).not.toMatch(RAW_CONTROL);
    const bundle = await runCli(["export", "--format", "bundle"], env);
    expect(bundle.code).toBe(0);
    expect(bundle.stdout).not.toMatch(RAW_CONTROL);
    expect(verifyBundle(JSON.parse(bundle.stdout))).toEqual({ ok: true, problems: [] });
  }, 60_000);

  it("scan --out writes csv with the same escapes", async () => {
    const out = join(dataDir, "findings.csv");
    const result = await scan("--format", "csv", "--quiet", "--out", out);
    expect(result.code).toBe(0);
    const text = await readFile(out, "utf8");
    expect(text).toContain(SHOWN);
    expect(text.replace(/\r\n/g, "\n")).not.toMatch(RAW_CONTROL);
  }, 60_000);

  it("error messages on stderr show them as escapes", async () => {
    const region = await runCli(["scan", "--regions", `us-east-1,${EVIL}`, "--quiet"]);
    expect(region.code).toBe(2);
    expect(region.stderr).toBe(`kms-drift: unknown region ${SHOWN}\n`);
    const command = await runCli([EVIL]);
    expect(command.stderr).toBe(`kms-drift: unknown command "${SHOWN}" (try kms-drift --help)\n`);
    const bundle = await runCli(["verify", join(dataDir, `${EVIL}.json`)]);
    expect(bundle.code).toBe(2);
    expect(bundle.stderr).not.toMatch(RAW_CONTROL);
    expect(bundle.stderr).toContain(SHOWN);
  });
});

describe("scan --format table", () => {
  it("shows control and bidi characters in titles and region notes as escapes", () => {
    const snapshot = makeSnapshot({
      id: "t-1",
      findings: [makeFinding({ title: `description ${EVIL}` })],
    });
    const first = snapshot.regions[0];
    if (first) first.error = `AccessDenied ${EVIL}`;
    const table = formatTable(snapshot);
    expect(table).toContain(`description ${SHOWN}`);
    expect(table).toContain(`AccessDenied ${SHOWN}`);
    expect(table).not.toMatch(RAW_CONTROL);
  });
});
