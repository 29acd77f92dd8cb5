import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import type { Snapshot } from "../domain/snapshot";
import { buildFamilyMatrix } from "../history/family-matrix";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { runScan } from "../scan/run-scan";
import { DEFAULT_FILTERS, SORT_KEYS, type FamilyFilters } from "../views/family-filters";
import { filterFamilies } from "../views/filter-families";
import type { FamilyPageQuery, SnapshotStore } from "./store-types";
import { testBackends } from "./test-store";

const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const BASE = "111122223333";
const MEMBER = "444455556666";

let server: SandboxServer;
let snapshot: Snapshot;

beforeAll(async () => {
  server = await startSandboxServer({ port: 0, world: "demo", seed: 3 });
  const scanned = await runScan({
    endpoint: server.url,
    credentials: AUDITOR,
    config: await loadConfig("lib/sandbox/worlds/demo.config.json"),
    regions: server.manifest.enabledRegions,
    trail: false,
  });
  // As an Organization scan records them: the base account in Workloads/Prod, the member in Sandbox.
  snapshot = {
    ...scanned,
    accountScans: [
      {
        account: BASE,
        source: "caller",
        ou: { id: "ou-1", path: "Root/Workloads/Prod" },
        tags: { team: "payments", env: "prod" },
        status: "ok",
      },
      {
        account: MEMBER,
        source: "organization",
        ou: { id: "ou-2", path: "Root/Sandbox" },
        tags: { team: "platform" },
        status: "ok",
      },
    ],
  };
}, 120_000);
afterAll(() => server?.close());

const query = (filters: Partial<FamilyFilters>, offset = 0, limit = 500): FamilyPageQuery => ({
  snapshotId: "latest",
  ...DEFAULT_FILTERS,
  ...filters,
  offset,
  limit,
});

describe.each(testBackends())("the families of a snapshot, paged in SQL ($name)", (backend) => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ store, dispose } = await backend.open());
    await store.saveSnapshot(snapshot);
  }, 60_000);
  afterAll(() => dispose());

  const matrix = () => buildFamilyMatrix(snapshot);
  const accountsIn = (accounts: string[]) =>
    matrix().rows.filter((r) => accounts.includes(r.account));

  it("the demo world has what the filters below tell apart", () => {
    const rows = matrix().rows;
    expect(rows.length).toBeGreaterThan(10);
    expect(new Set(rows.map((r) => r.account))).toEqual(new Set([BASE, MEMBER]));
    expect(rows.some((r) => r.waived > 0)).toBe(true);
    expect(rows.some((r) => r.tags.length > 0)).toBe(true);
  });

  const cases: [string, () => Partial<FamilyFilters>][] = [
    ["no filter (severity order)", () => ({})],
    ["one severity", () => ({ severity: ["high"] })],
    ["two severities", () => ({ severity: ["critical", "low"] })],
    ["a property", () => ({ property: ["policy"] })],
    ["a kind", () => ({ kind: ["alias"] })],
    ["a region", () => ({ region: [matrix().regions[1] ?? ""] })],
    ["waived", () => ({ waived: "yes" })],
    ["not waived", () => ({ waived: "no" })],
    ["text", () => ({ q: " ALIAS/pay " })],
    ["text that no family holds", () => ({ q: "no-such-family-anywhere" })],
    ["text every family of one account holds", () => ({ q: BASE })],
    ["text and a severity", () => ({ q: "mrk-", severity: ["high", "critical"] })],
    ["text in a key id, upper-cased", () => ({ q: "MRK-" })],
    ["an account", () => ({ account: [MEMBER] })],
    ["a key tag", () => ({ tag: [matrix().rows.find((r) => r.tags[0])?.tags[0] ?? ""] })],
    ["by name", () => ({ sort: "name" })],
    ["by name, descending", () => ({ sort: "name", dir: "desc" })],
    ["by findings", () => ({ sort: "findings" })],
    ["by account, descending", () => ({ sort: "account", dir: "desc" })],
    ["severity descending, filtered", () => ({ dir: "desc", kind: ["multi-region"] })],
  ];

  it.each(cases)("%s: the rows and order the matrix's own filter gives", async (_, filters) => {
    const wanted = filterFamilies(matrix().rows, matrix().regions, {
      ...DEFAULT_FILTERS,
      ...filters(),
    });
    const page = await store.familyPage(query(filters()));
    expect(page?.rows).toEqual(wanted);
    expect(page?.matched).toBe(wanted.length);
    expect(page?.total).toBe(snapshot.families.length);
    expect(page?.regions).toEqual(matrix().regions);
  });

  it("pages of 7 put together are the whole list, and past the end is empty", async () => {
    const whole = (await store.familyPage(query({ sort: "name" })))?.rows.map((r) => r.id) ?? [];
    const paged: string[] = [];
    for (let offset = 0; offset < whole.length; offset += 7)
      paged.push(
        ...((await store.familyPage(query({ sort: "name" }, offset, 7)))?.rows.map((r) => r.id) ??
          []),
      );
    expect(paged).toEqual(whole);
    const past = await store.familyPage(query({}, whole.length, 7));
    expect(past?.rows).toEqual([]);
    expect(past?.matched).toBe(whole.length);
  });

  const everySort = SORT_KEYS.flatMap((sort) =>
    (["asc", "desc"] as const).map((dir): [string, "asc" | "desc"] => [sort, dir]),
  );
  it.each(everySort)(
    "unfiltered pages of 5 by %s, %s, are the matrix's order cut in pages",
    async (sort, dir) => {
      const f = { sort, dir } as Partial<FamilyFilters>;
      const wanted = filterFamilies(matrix().rows, matrix().regions, { ...DEFAULT_FILTERS, ...f });
      for (let offset = 0; offset < wanted.length + 5; offset += 5) {
        const page = await store.familyPage(query(f, offset, 5));
        expect(page?.rows.map((r) => r.id)).toEqual(
          wanted.slice(offset, offset + 5).map((r) => r.id),
        );
        expect(page?.matched).toBe(wanted.length);
      }
    },
  );

  it("an OU keeps the families of the accounts in it and below it; account tags match Key=Value", async () => {
    const ids = async (filters: Partial<FamilyFilters>) =>
      (await store.familyPage(query({ sort: "name", ...filters })))?.rows.map((r) => r.id);
    const byName = (accounts: string[]) =>
      filterFamilies(accountsIn(accounts), matrix().regions, {
        ...DEFAULT_FILTERS,
        sort: "name",
      }).map((r) => r.id);
    expect(await ids({ ou: ["Root/Workloads"] })).toEqual(byName([BASE]));
    expect(await ids({ ou: ["Root/Workloads/Prod"] })).toEqual(byName([BASE]));
    expect(await ids({ ou: ["Root/Sandbox"] })).toEqual(byName([MEMBER]));
    expect(await ids({ ou: ["Root"] })).toEqual(byName([BASE, MEMBER]));
    // A path prefix that is not an OU boundary keeps nothing.
    expect(await ids({ ou: ["Root/Work"] })).toEqual([]);
    expect(await ids({ accountTag: ["team=platform"] })).toEqual(byName([MEMBER]));
    expect(await ids({ accountTag: ["env=prod", "team=platform"] })).toEqual(
      byName([BASE, MEMBER]),
    );
    expect(await ids({ accountTag: ["team=prod"] })).toEqual([]);
    expect(await ids({ ou: ["Root/Sandbox"], severity: ["high"] })).toEqual(
      filterFamilies(accountsIn([MEMBER]), matrix().regions, {
        ...DEFAULT_FILTERS,
        sort: "name",
        severity: ["high"],
      }).map((r) => r.id),
    );
  });

  it("offers the snapshot's OUs, account tags and key tags as filter values", async () => {
    const options = await store.familyFilterOptions("latest");
    expect(options?.ous).toEqual(["Root/Sandbox", "Root/Workloads/Prod"]);
    expect(options?.accountTags).toEqual(["env=prod", "team=payments", "team=platform"]);
    expect(options?.tags).toEqual([...new Set(matrix().rows.flatMap((r) => r.tags))].sort());
    expect(options?.accounts).toEqual([...snapshot.accounts].sort());
  });

  it("a family's slice holds the family, its findings, keys and events and reads as the whole does", async () => {
    const family = snapshot.families.find((f) => f.members.length > 1);
    if (!family) throw new Error("the demo world has a family with replicas");
    const slice = await store.familySlice("latest", family.id);
    expect(slice?.families).toEqual([family]);
    expect(slice?.findings).toEqual(snapshot.findings.filter((f) => f.familyId === family.id));
    expect(slice?.keys.map((k) => k.arn).sort()).toEqual(family.members.map((m) => m.arn).sort());
    expect(slice?.regions).toEqual(snapshot.regions);
    expect((await store.familySlice("latest", `${BASE}:alias/none`))?.families).toEqual([]);
  });

  it("no such snapshot: null", async () => {
    expect(await store.familyPage(query({}))).not.toBeNull();
    expect(await store.familyPage({ ...query({}), snapshotId: "nope" })).toBeNull();
  });
});
