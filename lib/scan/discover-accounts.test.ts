import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseConfig } from "../config";
import type { AccountScan } from "../domain/account-scan";
import type { Snapshot } from "../domain/snapshot";
import type { SandboxServer } from "../sandbox/server";
import { startOrgSandbox } from "../sandbox/testing/organization";
import { ENABLED_REGIONS } from "../sandbox/worlds/regions";
import type { OrganizationManifest } from "../sandbox/types";
import { compareFindings } from "../history/compare";
import { readCoverageOf } from "../history/read-coverage";
import { runScan } from "./run-scan";
import { ScanSetupError } from "./types";

const MANAGEMENT = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const DELEGATED = { accessKeyId: "AKIAORGDELEGATEDAUD1", secretAccessKey: "x" };
const MEMBER = { accessKeyId: "AKIAORGMEMBERAUDIT01", secretAccessKey: "x" };
const REGIONS: string[] = [...ENABLED_REGIONS];
const READ_ONLY = /^(List|Describe|Get)[A-Za-z]*$|^(LookupEvents|AssumeRole|GetCallerIdentity)$/;

const callsSchema = z.array(
  z.looseObject({ service: z.string(), operation: z.string(), account: z.string() }),
);

let server: SandboxServer;
let org: OrganizationManifest;

beforeAll(async () => {
  // 40 members + management + delegated administrator: ListAccounts takes three pages and an
  // empty one (17, 17, 0, 8).
  ({ server, org } = await startOrgSandbox({ seed: 11, accounts: 40, keysPerAccount: 4 }));
}, 60_000);
afterAll(async () => {
  await server.close();
});

function scan(config: unknown, credentials = MANAGEMENT): Promise<Snapshot> {
  return runScan({
    endpoint: server.url,
    credentials,
    config: parseConfig(config, "test"),
    regions: REGIONS,
    trail: false,
  });
}

function unitId(name: string): string {
  const unit = org.units.find((u) => u.name === name);
  if (!unit) throw new Error(`no OU ${name}`);
  return unit.id;
}

/** The OU ids at and below `id`. */
function subtree(id: string): Set<string> {
  const ids = new Set([id]);
  for (let grown = true; grown;) {
    grown = false;
    for (const unit of org.units)
      if (ids.has(unit.parentId) && !ids.has(unit.id)) grown = ids.add(unit.id) !== undefined;
  }
  return ids;
}

const byAccount = (scans: AccountScan[] | undefined) =>
  new Map((scans ?? []).map((s) => [s.account, s]));

describe("organization discovery over the org world", () => {
  let snapshot: Snapshot;
  let calls: z.infer<typeof callsSchema>;

  beforeAll(async () => {
    const before = callsSchema.parse(await (await fetch(`${server.url}/_sandbox/calls`)).json());
    snapshot = await scan({ organization: {} });
    calls = callsSchema
      .parse(await (await fetch(`${server.url}/_sandbox/calls`)).json())
      .slice(before.length);
  }, 120_000);

  it("reports every account of the Organization, across more than one page of ListAccounts", () => {
    expect(snapshot.accountScans?.map((s) => s.account)).toEqual(
      org.accounts.map((a) => a.id).sort(),
    );
    expect(snapshot.organization).toEqual({
      id: org.id,
      managementAccount: "111122223333",
      roleName: "kms-drift-audit",
    });
    const listAccounts = calls.filter((c) => c.operation === "ListAccounts");
    expect(listAccounts).toHaveLength(4);
  });

  it("skips suspended and closing accounts, errors on accounts without the role, reads the rest", () => {
    const scans = byAccount(snapshot.accountScans);
    for (const account of org.accounts) {
      const got = scans.get(account.id);
      if (account.state !== "ACTIVE") {
        expect(got, account.id).toMatchObject({
          status: "skipped",
          reason: `account state is ${account.state} (organization.skipSuspended)`,
          state: account.state,
        });
      } else if (!account.hasRole && account.id !== "111122223333") {
        expect(got?.status, account.id).toBe("error");
        expect(got?.reason, account.id).toBe(
          `AccessDenied: cannot assume arn:aws:iam::${account.id}:role/kms-drift-audit: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${account.id}:role/kms-drift-audit`,
        );
      } else {
        expect(got, account.id).toMatchObject({ status: "ok", name: account.name });
        expect(got?.tags, account.id).toEqual(account.tags);
      }
    }
    expect(scans.get("111122223333")?.source).toBe("caller");
    expect(snapshot.summary.status).toBe("incomplete");
    expect(snapshot.summary.accounts).toEqual({
      ok: org.accounts.filter((a) => a.state === "ACTIVE" && a.hasRole).length,
      partial: 0,
      error: org.accounts.filter((a) => a.state === "ACTIVE" && !a.hasRole).length,
      skipped: org.accounts.filter((a) => a.state !== "ACTIVE").length,
    });
  });

  it("reads every key of every reachable account, and finds the drifts planted across accounts", () => {
    const reachable = org.accounts.filter((a) => a.state === "ACTIVE" && a.hasRole);
    for (const account of reachable) {
      const held = server.sandbox.state
        .regionsOf(account.id)
        .filter((r) => REGIONS.includes(r.region))
        .flatMap((r) => r.keys.map((k) => k.family.keyId))
        .sort();
      const read = snapshot.keys
        .filter((k) => k.account === account.id)
        .map((k) => k.keyId)
        .sort();
      expect(read, account.id).toEqual(held);
    }
    const found = new Set(snapshot.findings.map((f) => `${f.familyId} ${f.property} ${f.region}`));
    const planted = server.manifest.drifts.filter(
      (d) => REGIONS.includes(d.region) && REGIONS.includes(d.referenceRegion),
    );
    expect(new Set(planted.map((d) => d.account)).size).toBeGreaterThanOrEqual(3);
    expect(planted.filter((d) => !found.has(`${d.familyId} ${d.property} ${d.region}`))).toEqual(
      [],
    );
  });

  it("calls Organizations read-only, in us-east-1, and assumes the role once per account", () => {
    expect(calls.filter((c) => !READ_ONLY.test(c.operation)).map((c) => c.operation)).toEqual([]);
    const organizations = calls.filter((c) => c.service === "organizations");
    expect([...new Set(organizations.map((c) => c.operation))].sort()).toEqual([
      "DescribeOrganization",
      "ListAccounts",
      "ListTagsForResource",
    ]);
    const assumed = calls.filter((c) => c.operation === "AssumeRole");
    const targets = org.accounts.filter((a) => a.state === "ACTIVE" && a.id !== "111122223333");
    expect(assumed.length).toBe(targets.length);
  });
});

describe("organization filters", () => {
  it("an OU includes the OUs below it; accounts outside are skipped with the filter named", async () => {
    const workloads = unitId("Workloads");
    const snapshot = await scan({ organization: { ous: [workloads] } });
    const inside = subtree(workloads);
    const scans = byAccount(snapshot.accountScans);
    expect(scans.size).toBe(org.accounts.length);
    const nested = org.accounts.filter((a) => a.parentId === unitId("Payments"));
    expect(nested.length).toBeGreaterThan(0);
    for (const account of org.accounts) {
      const got = scans.get(account.id);
      if (account.id === "111122223333") continue;
      if (!inside.has(account.parentId)) {
        expect(got, account.id).toMatchObject({
          status: "skipped",
          reason: `not in the OU filter (organization.ous: ${workloads})`,
        });
      } else expect(got?.status, account.id).not.toBe("skipped");
    }
    expect(scans.get(nested[0]?.id ?? "")?.ou).toEqual({
      id: unitId("Payments"),
      path: "Root/Workloads/Prod/Payments",
    });
  }, 120_000);

  it("include keeps matching ids and names (globs), exclude drops matching ones", async () => {
    const payments = org.accounts.filter(
      (a) => a.name.startsWith("payments-") && a.state === "ACTIVE",
    );
    const other = org.accounts.find((a) => a.name.startsWith("data-") && a.state === "ACTIVE");
    const dropped = payments[0];
    if (!other || !dropped) throw new Error("world lacks payments/data accounts");
    const snapshot = await scan({
      organization: { include: ["PAYMENTS-*", other.id], exclude: [dropped.name] },
    });
    const scans = byAccount(snapshot.accountScans);
    expect(scans.get(dropped.id)).toMatchObject({
      status: "skipped",
      reason: `excluded by organization.exclude "${dropped.name}"`,
    });
    expect(scans.get(other.id)?.status).not.toBe("skipped");
    expect(payments.slice(1).every((a) => scans.get(a.id)?.status !== "skipped")).toBe(true);
    const notIncluded = org.accounts.filter(
      (a) =>
        a.state === "ACTIVE" &&
        !a.name.startsWith("payments-") &&
        a.id !== other.id &&
        a.id !== "111122223333",
    );
    expect(notIncluded.length).toBeGreaterThan(0);
    for (const account of notIncluded)
      expect(scans.get(account.id), account.id).toMatchObject({
        status: "skipped",
        reason: "not matched by organization.include",
      });
    expect(snapshot.accounts.sort()).toEqual(
      [...scans.values()]
        .filter((s) => s.status !== "skipped")
        .map((s) => s.account)
        .sort(),
    );
  }, 120_000);

  it("with skipSuspended off, a suspended account is tried and errors", async () => {
    const suspended = org.accounts.find((a) => a.state === "SUSPENDED");
    if (!suspended) throw new Error("no suspended account");
    const snapshot = await scan({
      organization: { skipSuspended: false, include: [suspended.id] },
    });
    expect(byAccount(snapshot.accountScans).get(suspended.id)).toMatchObject({
      status: "error",
      state: "SUSPENDED",
    });
  }, 120_000);

  it("an OU id that is not in the Organization stops the scan before any account is read", async () => {
    const error = await scan({ organization: { ous: ["ou-zzzz-zzzzzzzz"] } }).catch(
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(ScanSetupError);
    expect(error instanceof Error && error.message).toBe(
      `organization.ous: ou-zzzz-zzzzzzzz is not an OU of organization ${org.id}`,
    );
  });
});

describe("who may discover", () => {
  it("a delegated administrator discovers and scans the Organization, the management account through its role", async () => {
    const snapshot = await scan({ organization: {} }, DELEGATED);
    const scans = byAccount(snapshot.accountScans);
    expect(scans.get("222233334444")).toMatchObject({ source: "caller", status: "ok" });
    expect(scans.get("111122223333")).toMatchObject({ source: "organization", status: "ok" });
  }, 120_000);

  it("a member that is neither management nor delegated administrator gets a clear setup error", async () => {
    const error = await scan({ organization: {} }, MEMBER).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ScanSetupError);
    const member = server.manifest.accounts.find((a) => a.accessKeyId === MEMBER.accessKeyId);
    expect(error instanceof Error && error.message).toBe(
      `organization: account ${member?.id ?? ""} may not read the Organization; run kms-drift from the management account or a delegated administrator, with organizations:List*/Describe* allowed (organizations:ListAccounts: AccessDeniedException: You don't have permissions to access this resource.)`,
    );
  });
});

describe("an account that cannot be reached", () => {
  const roleArn = (account: string) => `arn:aws:iam::${account}:role/kms-drift-audit`;
  const trusted = ["111122223333", "222233334444"];

  it("leaves its earlier findings unverified, never resolved", async () => {
    const drifted = server.manifest.drifts.find(
      (d) => REGIONS.includes(d.region) && d.account !== "111122223333",
    );
    if (!drifted) throw new Error("no drift in a member account");
    const account = drifted.account;
    const config = { organization: { include: [account] } };
    const before = await scan(config);
    const earlier = before.findings.filter((f) => f.account === account);
    expect(earlier.length).toBeGreaterThan(0);
    server.sandbox.defineRole({ arn: roleArn(account), account, trustedAccounts: [] });
    try {
      const after = await scan(config);
      expect(byAccount(after.accountScans).get(account)?.status).toBe("error");
      expect(after.findings.filter((f) => f.account === account)).toEqual([]);
      const comparison = compareFindings(before.findings, after.findings, {
        from: before.id,
        to: after.id,
        coverage: readCoverageOf(after),
      });
      expect(comparison.resolved.filter((f) => f.account === account)).toEqual([]);
      expect(comparison.unverified.map((f) => f.id).sort()).toEqual(
        earlier.map((f) => f.id).sort(),
      );
    } finally {
      server.sandbox.defineRole({ arn: roleArn(account), account, trustedAccounts: trusted });
    }
  }, 120_000);

  it("is reached with organization.externalId where its role's trust asks for one", async () => {
    const [guarded, plain] = org.accounts.filter(
      (a) => a.state === "ACTIVE" && a.hasRole && a.parentId !== org.rootId,
    );
    if (!guarded || !plain) throw new Error("two members with roles needed");
    server.sandbox.defineRole({
      arn: roleArn(guarded.id),
      account: guarded.id,
      trustedAccounts: trusted,
      externalId: "kms-drift-ext",
    });
    try {
      const include = [guarded.id, plain.id];
      const without = byAccount((await scan({ organization: { include } })).accountScans);
      expect(without.get(guarded.id)?.status).toBe("error");
      expect(without.get(guarded.id)?.reason).toMatch(/^AccessDenied: cannot assume /);
      const withId = byAccount(
        (await scan({ organization: { include, externalId: "kms-drift-ext" } })).accountScans,
      );
      expect([withId.get(guarded.id)?.status, withId.get(plain.id)?.status]).toEqual(["ok", "ok"]);
    } finally {
      server.sandbox.defineRole({
        arn: roleArn(guarded.id),
        account: guarded.id,
        trustedAccounts: trusted,
      });
    }
  }, 120_000);
});
