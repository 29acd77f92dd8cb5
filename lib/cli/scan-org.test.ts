import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SandboxServer } from "../sandbox/server";
import { startOrgSandbox } from "../sandbox/testing/organization";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";

async function runCli(argv: string[]) {
  const io = createMemoryIo({}, false);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

const snapshotSchema = z.looseObject({
  accounts: z.array(z.string()),
  organization: z.object({ id: z.string(), managementAccount: z.string(), roleName: z.string() }),
  accountScans: z.array(
    z.looseObject({ account: z.string(), status: z.string(), reason: z.string().optional() }),
  ),
});

function useAuditor(accessKeyId: string): void {
  vi.stubEnv("AWS_ACCESS_KEY_ID", accessKeyId);
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "x");
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
}

beforeEach(() => useAuditor("AKIAQKMSDRIFTAUDIT1"));
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("kms-drift scan --org over the org world", () => {
  let server: SandboxServer;
  const regions = "us-east-1,eu-west-1,us-west-2";
  beforeAll(async () => {
    ({ server } = await startOrgSandbox({ seed: 4, accounts: 30, keysPerAccount: 3 }));
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  const scanArgs = (...extra: string[]) => [
    "scan",
    "--endpoint",
    server.url,
    "--regions",
    regions,
    "--no-trail",
    "--fail-on",
    "none",
    ...extra,
  ];

  it("discovers the accounts, says which were skipped and which could not be read, exits 3", async () => {
    const org = server.manifest.organization;
    if (!org) throw new Error("no organization");
    const result = await runCli(scanArgs("--org"));
    expect(result.code).toBe(3);
    const snapshot = snapshotSchema.parse(JSON.parse(result.stdout));
    expect(snapshot.organization.roleName).toBe("kms-drift-audit");
    expect(snapshot.accountScans.map((s) => s.account)).toEqual(
      org.accounts.map((a) => a.id).sort(),
    );
    const inactive = org.accounts.filter((a) => a.state !== "ACTIVE");
    const roleless = org.accounts.filter((a) => a.state === "ACTIVE" && !a.hasRole);
    const lines = result.stderr.trim().split("\n");
    const suspended = inactive.filter((a) => a.state === "SUSPENDED").length;
    expect(lines).toContain(
      `kms-drift: ${inactive.length} of ${org.accounts.length} accounts skipped: ${suspended} × account state is SUSPENDED (organization.skipSuspended); 1 × account state is PENDING_CLOSURE (organization.skipSuspended)`,
    );
    const warning = lines.at(-1) ?? "";
    expect(warning).toMatch(
      new RegExp(
        `^kms-drift: incomplete scan: ${roleless.length} of ${org.accounts.length - inactive.length} accounts could not be read and are unknown \\(\\d{12}: AccessDenied: cannot assume arn:aws:iam::\\d{12}:role/kms-drift-audit: `,
      ),
    );
    expect(lines.some((l) => l.startsWith("kms-drift: discover"))).toBe(true);
    expect(lines.some((l) => /accounts \d+\/\d+ · regions/.test(l))).toBe(true);
  }, 120_000);

  it("--org-role names the role assumed in every account", async () => {
    const result = await runCli(scanArgs("--org-role", "no-such-role", "--quiet"));
    expect(result.code).toBe(3);
    const snapshot = snapshotSchema.parse(JSON.parse(result.stdout));
    expect(snapshot.organization.roleName).toBe("no-such-role");
    const members = snapshot.accountScans.filter(
      (s) => s.account !== "111122223333" && s.status !== "skipped",
    );
    expect(members.length).toBeGreaterThan(0);
    expect(
      members.every((s) => s.status === "error" && s.reason?.includes(":role/no-such-role: ")),
    ).toBe(true);
    // --quiet: no progress and no skipped-accounts line, only the incomplete warning.
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  }, 120_000);

  it("exits 2 with one line when the caller may not read the Organization", async () => {
    useAuditor("AKIAORGMEMBERAUDIT01");
    const result = await runCli(scanArgs("--org", "--quiet"));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^kms-drift: organization: account \d{12} may not read the Organization; run kms-drift from the management account or a delegated administrator, with organizations:List\*\/Describe\* allowed \(organizations:ListAccounts: AccessDeniedException: You don't have permissions to access this resource\.\)\n$/,
    );
  });

  it("refuses a bad --org-role before any AWS call", async () => {
    const calls = server.sandbox.calls.length;
    const result = await runCli(scanArgs("--org-role", "kms drift"));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "kms-drift: --org-role: expected an IAM role name like kms-drift-audit (letters, digits and +=,.@_-)\n",
    );
    expect(server.sandbox.calls.length).toBe(calls);
  });
});

describe("kms-drift scan --org over 200 accounts", () => {
  it("completes, with every account reported; prints wall time and peak RSS", async () => {
    const { server, org } = await startOrgSandbox({ seed: 1, accounts: 200, keysPerAccount: 2 });
    try {
      const regions = server.manifest.enabledRegions;
      const started = performance.now();
      const result = await runCli([
        "scan",
        "--endpoint",
        server.url,
        "--org",
        "--regions",
        regions.join(","),
        "--no-trail",
        "--fail-on",
        "none",
        "--quiet",
      ]);
      const wallMs = performance.now() - started;
      expect(result.code).toBe(3);
      const snapshot = snapshotSchema
        .extend({ keys: z.array(z.looseObject({ account: z.string() })) })
        .parse(JSON.parse(result.stdout));
      expect(snapshot.accountScans).toHaveLength(202);
      const count = (status: string) =>
        snapshot.accountScans.filter((s) => s.status === status).length;
      const active = org.accounts.filter((a) => a.state === "ACTIVE");
      expect([count("ok"), count("error"), count("skipped"), count("partial")]).toEqual([
        active.filter((a) => a.hasRole).length,
        active.filter((a) => !a.hasRole).length,
        org.accounts.length - active.length,
        0,
      ]);
      const reachable = new Set(active.filter((a) => a.hasRole).map((a) => a.id));
      const held = [...reachable].reduce(
        (n, id) => n + server.sandbox.state.regionsOf(id).reduce((m, r) => m + r.keys.length, 0),
        0,
      );
      expect(snapshot.keys).toHaveLength(held);
      console.log(
        `scan --org of 202 accounts × ${regions.length} regions (${snapshot.keys.length} keys, --no-trail, sandbox in-process): wall ${(wallMs / 1000).toFixed(1)} s, peak RSS of the test process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
      );
    } finally {
      await server.close();
    }
  }, 600_000);
});
