import { ListKeysCommand } from "@aws-sdk/client-kms";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox } from "../sandbox";
import type { SandboxServer } from "../server";
import { startOrgSandbox } from "../testing/organization";
import type { OrganizationManifest } from "../types";
import { buildOrgWorld } from "./org";
import { catchError, createKms, createSts, type TestCredentials } from "./sdk-test-clients";

const ANCHOR = new Date("2026-11-20T12:00:00Z");

function buildManifest(seed: number, accounts: number) {
  const sandbox = createSandbox({ seed, clock: () => ANCHOR });
  return buildOrgWorld(sandbox, { seed, anchor: ANCHOR, accounts, keysPerAccount: 4 });
}

function depthOf(org: OrganizationManifest, parentId: string): number {
  const unit = org.units.find((u) => u.id === parentId);
  return unit === undefined ? 0 : 1 + depthOf(org, unit.parentId);
}

describe("the org world", () => {
  it("is the same for the same seed and anchor, and differs with the seed", () => {
    const a = JSON.stringify(buildManifest(5, 30));
    expect(JSON.stringify(buildManifest(5, 30))).toBe(a);
    expect(JSON.stringify(buildManifest(6, 30))).not.toBe(a);
  });

  it("plants a management account, a delegated administrator, nested OUs and the member accounts", () => {
    const manifest = buildManifest(1, 60);
    const org = manifest.organization;
    if (!org) throw new Error("no organization in the manifest");
    expect(org.accounts).toHaveLength(62);
    expect(new Set(org.accounts.map((a) => a.id)).size).toBe(62);
    expect(org.accounts.slice(0, 2).map((a) => [a.id, a.name])).toEqual([
      ["111122223333", "management"],
      ["222233334444", "security-tooling"],
    ]);
    expect(org.delegatedAdministrators).toEqual(["222233334444"]);
    expect(Math.max(...org.accounts.map((a) => depthOf(org, a.parentId)))).toBe(3);
    const inactive = org.accounts.filter((a) => a.state !== "ACTIVE");
    expect(inactive.map((a) => a.state).sort()).toEqual([
      "PENDING_CLOSURE",
      "SUSPENDED",
      "SUSPENDED",
      "SUSPENDED",
    ]);
    expect(inactive.every((a) => !a.hasRole && a.keys === 0)).toBe(true);
    const roleless = org.accounts.filter((a) => a.state === "ACTIVE" && !a.hasRole);
    expect(roleless).toHaveLength(3);
    expect(roleless.every((a) => a.keys === 4)).toBe(true);
    expect(org.accounts.every((a) => a.tags.env !== undefined && a.tags.team !== undefined)).toBe(
      true,
    );
    const driftAccounts = new Set(manifest.drifts.map((d) => d.account));
    expect(driftAccounts.size).toBeGreaterThan(5);
    const reachable = new Set(org.accounts.filter((a) => a.hasRole).map((a) => a.id));
    expect([...driftAccounts].filter((id) => !reachable.has(id))).toEqual([]);
    expect(manifest.stats.customerKeys).toBe(org.accounts.reduce((n, a) => n + a.keys, 0));
  });
});

describe("the org world over HTTP", () => {
  let server: SandboxServer;
  let org: OrganizationManifest;

  beforeAll(async () => {
    ({ server, org } = await startOrgSandbox({
      seed: 3,
      accounts: 24,
      keysPerAccount: 3,
      anchor: ANCHOR,
      // ListKeys at 0.5/s with a burst of one: the second call in a bucket is throttled.
      faults: { quotas: "aws", quotaScale: 0.001 },
    }));
  });
  afterAll(async () => {
    await server.close();
  });

  async function assume(account: string): Promise<TestCredentials> {
    const out = await createSts(server.url).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${account}:role/${org.auditRoleName}`,
        RoleSessionName: "kms-drift",
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("no credentials");
    return {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken ?? "",
    };
  }

  it("assumes the audit role where it exists and lands in that account's keys", async () => {
    const member = org.accounts.find((a) => a.hasRole && a.keys > 0 && a.parentId !== org.rootId);
    if (!member) throw new Error("no member with a role");
    const session = await assume(member.id);
    const regions = server.sandbox.state
      .regionsOf(member.id)
      .filter((r) => r.keys.length > 0)
      .map((r) => r.region);
    expect(regions.length).toBeGreaterThan(0);
    const region = regions[0] ?? "us-east-1";
    const listed = await createKms(server.url, region, session).send(new ListKeysCommand({}));
    const arns = (listed.Keys ?? []).map((k) => k.KeyArn ?? "");
    expect(arns.length).toBeGreaterThan(0);
    expect(arns.every((arn) => arn.includes(`:${member.id}:key/`))).toBe(true);
  });

  it("answers AssumeRole into an account without the role with STS's AccessDenied", async () => {
    const roleless = org.accounts.find((a) => a.state === "ACTIVE" && !a.hasRole);
    if (!roleless) throw new Error("no account without the role");
    const error = await catchError(
      createSts(server.url).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${roleless.id}:role/${org.auditRoleName}`,
          RoleSessionName: "kms-drift",
        }),
      ),
    );
    expect([error.name, error.message, error.$metadata?.httpStatusCode]).toEqual([
      "AccessDenied",
      `User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${roleless.id}:role/kms-drift-audit`,
      403,
    ]);
  });

  it("keeps quota buckets per (account, region)", async () => {
    const [first, second] = org.accounts.filter((a) => a.hasRole && a.parentId !== org.rootId);
    if (!first || !second) throw new Error("two members with roles needed");
    const a = createKms(server.url, "ca-central-1", await assume(first.id));
    const b = createKms(server.url, "ca-central-1", await assume(second.id));
    await a.send(new ListKeysCommand({}));
    expect((await catchError(a.send(new ListKeysCommand({})))).name).toBe("ThrottlingException");
    await expect(b.send(new ListKeysCommand({}))).resolves.toBeDefined();
    await expect(
      createKms(server.url, "eu-north-1", await assume(first.id)).send(new ListKeysCommand({})),
    ).resolves.toBeDefined();
  });
});
