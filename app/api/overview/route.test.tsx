import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountStatusTable } from "@/components/overview/account-status-table";
import { RegionStatusTable } from "@/components/overview/region-status-table";
import type { AccountScan } from "@/lib/domain/account-scan";
import type { RegionScan } from "@/lib/domain/snapshot";
import { getOverviewPart } from "@/lib/server/overview";
import { getStore } from "@/lib/server/store";
import { FIXTURE_ACCOUNT, makeSnapshot } from "@/lib/store/test-fixtures";
import type { AccountsView } from "@/lib/views/accounts";
import { GET } from "./route";

const ID = "snap-org";
const MEMBERS = 499;
const DENIED = "AccessDenied: cannot assume arn:aws:iam::000000000007:role/kms-drift-audit: denied";
let dataDir = "";

/** Member i: every 100th has no audit role (error), every 25th is suspended (skipped), else ok. */
function member(i: number): { scan: AccountScan; region?: RegionScan } {
  const account = String(i).padStart(12, "0");
  const base = {
    account,
    source: "organization" as const,
    name: `member-${i}`,
    ou: { id: "ou-ab12-work", path: "Root/Workloads" },
  };
  if (i % 25 === 0 && i % 100 !== 0)
    return {
      scan: {
        ...base,
        state: "SUSPENDED",
        status: "skipped",
        reason: "account state is SUSPENDED (organization.skipSuspended)",
      },
    };
  const failed = i % 100 === 0;
  return {
    scan: failed ? { ...base, status: "error", reason: DENIED } : { ...base, status: "ok" },
    region: {
      account,
      region: "us-east-1",
      status: failed ? "error" : "ok",
      ...(failed ? { error: DENIED } : {}),
      keyCount: failed ? 0 : 2,
      apiCalls: 4,
      throttledCalls: 0,
      durationMs: 30,
    },
  };
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-overview-api-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const snapshot = makeSnapshot({ id: ID, startedAt: "2026-11-24T08:00:00.000Z" });
  const members = Array.from({ length: MEMBERS }, (_, i) => member(i + 1));
  snapshot.accountScans = [
    { account: FIXTURE_ACCOUNT, source: "caller", name: "management", status: "ok" },
    ...members.map((m) => m.scan),
  ];
  snapshot.organization = {
    id: "o-exampleorgid",
    managementAccount: FIXTURE_ACCOUNT,
    roleName: "kms-drift-audit",
  };
  snapshot.regions.push(...members.flatMap((m) => (m.region ? [m.region] : [])));
  snapshot.accounts = [
    FIXTURE_ACCOUNT,
    ...members.filter((m) => m.scan.status !== "skipped").map((m) => m.scan.account),
  ];
  await (await getStore()).saveSnapshot(snapshot);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("GET /api/overview with an Organization of 500 accounts", () => {
  it("carries every account with its status, the failed and skipped ones first", async () => {
    const response = await GET(new Request("http://127.0.0.1/api/overview"), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    const { accounts } = (await response.json()) as { accounts: AccountsView };
    expect(accounts.total).toBe(500);
    // Of 1–499, 4 are multiples of 100 and 15 more are multiples of 25; the caller is the 500th.
    expect(accounts.counts).toEqual({ ok: 481, partial: 0, error: 4, skipped: 15 });
    expect(accounts.organization?.id).toBe("o-exampleorgid");
    expect(accounts.items.slice(0, 4).map((i) => [i.account, i.status, i.reason])).toEqual(
      ["000000000100", "000000000200", "000000000300", "000000000400"].map((a) => [
        a,
        "error",
        DENIED,
      ]),
    );
    expect(accounts.items[4]).toMatchObject({
      account: "000000000025",
      status: "skipped",
      name: "member-25",
      ou: "Root/Workloads",
      regions: { read: 0, failed: 0, total: 0 },
    });
    expect(accounts.items.filter((i) => i.status === "ok")).toHaveLength(481);
  });
});

describe("the overview's Accounts table at 500 accounts", () => {
  it("shows the first 25, problems first, in a table with headers, and offers all 500", async () => {
    const { accounts } = await getOverviewPart(ID);
    if (accounts === null) throw new Error("the snapshot has accounts");
    const markup = renderToStaticMarkup(<AccountStatusTable view={accounts} />);
    expect(markup.match(/<tr /g)).toHaveLength(25 + 1); // the header row and 25 accounts
    // Every column has a header cell for screen readers (their names are checked end to end).
    expect(markup.match(/<th scope="col"/g)).toHaveLength(8);
    expect(markup).toContain("500 accounts: 4 error · 15 skipped · 481 ok.");
    expect(markup).toContain("Showing 25 of 500 accounts.");
    expect(markup).toContain('aria-expanded="false"');
    expect(markup).toContain("Show all 500 accounts");
    expect(markup).toContain(`>error</td><td class="py-1 pr-3 font-mono">000000000100</td>`);
    expect(markup).toContain(`>skipped</td><td class="py-1 pr-3 font-mono">000000000025</td>`);
  });
});

describe("the overview's Regions table at 500 accounts", () => {
  it("shows the first 25 account-regions, failed ones first, and offers the other ones", async () => {
    const { regions } = await getOverviewPart(ID);
    const markup = renderToStaticMarkup(<RegionStatusTable regions={regions} />);
    expect(markup.match(/<tr /g)).toHaveLength(25 + 1); // the header row and 25 regions
    // 480 ok members and the caller's 3 regions hold keys, 4 members failed, me-south-1 is not enabled.
    expect(markup).toContain("Showing 25 of 488 account-regions.");
    expect(markup).toContain("Show all 488 account-regions");
    const firstRow = markup.slice(
      markup.indexOf("<tbody>"),
      markup.indexOf("</tr>", markup.indexOf("<tbody>")),
    );
    expect(firstRow).toContain(">000000000100</td>");
    expect(firstRow).toContain(">error</td>");
  });
});
