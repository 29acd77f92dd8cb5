import { describe, expect, it } from "vitest";
import type { AccountScan } from "../domain/account-scan";
import type { RegionScan } from "../domain/snapshot";
import { makeSnapshot } from "../store/test-fixtures";
import {
  buildAccountsView,
  describeAccountCounts,
  selectAccountItems,
  type AccountsView,
} from "./accounts";
import { buildOverviewSnapshotPart } from "./overview";

function region(
  account: string,
  name: string,
  status: RegionScan["status"],
  keyCount = 0,
  error?: string,
): RegionScan {
  return {
    account,
    region: name,
    status,
    ...(error !== undefined ? { error } : {}),
    keyCount,
    apiCalls: 3,
    throttledCalls: 0,
    durationMs: 40,
  };
}

const DENIED =
  "AccessDenied: cannot assume arn:aws:iam::444455556666:role/kms-drift-audit: not authorized";
const DOWN = "connect ECONNREFUSED 127.0.0.1:4566";

/** An Organization scan with one account of each status; the skipped one has no regions. */
function orgSnapshot() {
  const accountScans: AccountScan[] = [
    {
      account: "111122223333",
      source: "caller",
      name: "management",
      ou: { id: "r-ab12", path: "Root" },
      state: "ACTIVE",
      status: "ok",
    },
    {
      account: "333344445555",
      source: "organization",
      name: "prod-payments",
      ou: { id: "ou-ab12-prod", path: "Root/Workloads/Prod" },
      tags: { team: "payments" },
      state: "ACTIVE",
      status: "partial",
      reason: `1 of 2 regions failed: ${DOWN}`,
    },
    {
      account: "444455556666",
      source: "organization",
      name: "no-role",
      ou: { id: "ou-ab12-dev", path: "Root/Workloads/Dev" },
      state: "ACTIVE",
      status: "error",
      reason: DENIED,
    },
    {
      account: "222233334444",
      source: "organization",
      name: "old-sandbox",
      ou: { id: "ou-ab12-dev", path: "Root/Workloads/Dev" },
      state: "SUSPENDED",
      status: "skipped",
      reason: "account state is SUSPENDED (organization.skipSuspended)",
    },
  ];
  return {
    accounts: ["111122223333", "333344445555", "444455556666"],
    accountScans,
    organization: {
      id: "o-exampleorgid",
      managementAccount: "111122223333",
      roleName: "kms-drift-audit",
    },
    regions: [
      region("111122223333", "us-east-1", "ok", 4),
      region("111122223333", "eu-west-1", "partial", 2, "GetKeyPolicy: AccessDenied"),
      region("111122223333", "me-south-1", "not-enabled"),
      region("333344445555", "us-east-1", "ok", 3),
      region("333344445555", "eu-west-1", "error", 0, DOWN),
      region("444455556666", "us-east-1", "error", 0, DENIED),
      region("444455556666", "eu-west-1", "error", 0, DENIED),
    ],
  };
}

describe("buildAccountsView", () => {
  it("lists every account of every status, problems first, with its reason, name, OU and regions", () => {
    const view = buildAccountsView(orgSnapshot());
    expect(view).toEqual<AccountsView>({
      recorded: true,
      organization: {
        id: "o-exampleorgid",
        managementAccount: "111122223333",
        roleName: "kms-drift-audit",
      },
      counts: { ok: 1, partial: 1, error: 1, skipped: 1 },
      total: 4,
      items: [
        {
          account: "444455556666",
          status: "error",
          reason: DENIED,
          source: "organization",
          name: "no-role",
          ou: "Root/Workloads/Dev",
          tags: {},
          regions: { read: 0, failed: 2, total: 2 },
          keys: 0,
        },
        {
          account: "333344445555",
          status: "partial",
          reason: `1 of 2 regions failed: ${DOWN}`,
          source: "organization",
          name: "prod-payments",
          ou: "Root/Workloads/Prod",
          tags: { team: "payments" },
          regions: { read: 1, failed: 1, total: 2 },
          keys: 3,
        },
        {
          account: "222233334444",
          status: "skipped",
          reason: "account state is SUSPENDED (organization.skipSuspended)",
          source: "organization",
          name: "old-sandbox",
          ou: "Root/Workloads/Dev",
          tags: {},
          regions: { read: 0, failed: 0, total: 0 },
          keys: 0,
        },
        {
          account: "111122223333",
          status: "ok",
          reason: null,
          source: "caller",
          name: "management",
          ou: "Root",
          tags: {},
          // A partial region was read (some properties were not): it counts as read, not failed.
          regions: { read: 2, failed: 0, total: 3 },
          keys: 6,
        },
      ],
    });
  });

  it("orders accounts of one status by account id", () => {
    const snapshot = orgSnapshot();
    snapshot.accountScans = ["999", "100", "550"].map((account) => ({
      account,
      source: "organization",
      status: "skipped",
      reason: "excluded by organization.exclude (*)",
    }));
    expect(buildAccountsView(snapshot).items.map((i) => i.account)).toEqual(["100", "550", "999"]);
  });

  it("gives an account with no name, OU or tags nulls and an empty tag map", () => {
    const snapshot = orgSnapshot();
    snapshot.accountScans = [{ account: "111122223333", source: "caller", status: "ok" }];
    expect(buildAccountsView(snapshot).items[0]).toMatchObject({
      name: null,
      ou: null,
      tags: {},
      reason: null,
    });
  });

  it("reads a snapshot stored before accountScans from its accounts and regions, as not recorded", () => {
    const { accountScans: _scans, organization: _org, ...legacy } = orgSnapshot();
    const view = buildAccountsView(legacy);
    expect(view.recorded).toBe(false);
    expect(view.organization).toBeNull();
    expect(view.counts).toEqual({ ok: 1, partial: 1, error: 1, skipped: 0 });
    expect(
      view.items.map(({ account, status, reason, source }) => ({
        account,
        status,
        reason,
        source,
      })),
    ).toEqual([
      { account: "444455556666", status: "error", reason: DENIED, source: null },
      {
        account: "333344445555",
        status: "partial",
        reason: `1 of 2 regions failed: ${DOWN}`,
        source: null,
      },
      { account: "111122223333", status: "ok", reason: null, source: null },
    ]);
  });

  it("names at most three distinct region errors of a legacy account, then an ellipsis", () => {
    const regions = ["a", "b", "c", "d", "d"].map((e, i) =>
      region("111122223333", `r-${i}`, "error", 0, `error ${e}`),
    );
    const view = buildAccountsView({ accounts: ["111122223333"], regions });
    expect(view.items[0]?.reason).toBe("error a; error b; error c; …");
  });

  it("counts a legacy account with no region at all as ok with nothing read", () => {
    const view = buildAccountsView({ accounts: ["111122223333"], regions: [] });
    expect(view.items[0]).toMatchObject({
      status: "ok",
      regions: { read: 0, failed: 0, total: 0 },
    });
  });

  it("is part of the overview: the fixture snapshot (no accountScans) has its one account ok", () => {
    const part = buildOverviewSnapshotPart(makeSnapshot());
    expect(part.accounts?.recorded).toBe(false);
    expect(part.accounts?.items).toEqual([
      expect.objectContaining({
        account: "111122223333",
        status: "ok",
        regions: { read: 3, failed: 0, total: 4 },
      }),
    ]);
  });
});

describe("describeAccountCounts", () => {
  it("names each status that has accounts, problems first", () => {
    expect(describeAccountCounts({ ok: 183, partial: 2, error: 3, skipped: 12 })).toBe(
      "3 error · 2 partial · 12 skipped · 183 ok",
    );
    expect(describeAccountCounts({ ok: 5, partial: 0, error: 0, skipped: 1 })).toBe(
      "1 skipped · 5 ok",
    );
  });

  it("says so when there is no account", () => {
    expect(describeAccountCounts({ ok: 0, partial: 0, error: 0, skipped: 0 })).toBe("no accounts");
  });
});

describe("selectAccountItems", () => {
  const view = buildAccountsView(orgSnapshot());

  it("caps the list at the limit and counts what matched", () => {
    const { shown, matching } = selectAccountItems(view, null, 2);
    expect(shown.map((i) => i.account)).toEqual(["444455556666", "333344445555"]);
    expect(matching).toBe(4);
  });

  it("shows every account without a limit", () => {
    expect(selectAccountItems(view, null, null).shown).toHaveLength(4);
  });

  it("keeps only the accounts of one status", () => {
    const { shown, matching } = selectAccountItems(view, "skipped", 10);
    expect(shown.map((i) => i.account)).toEqual(["222233334444"]);
    expect(matching).toBe(1);
  });
});
