import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config";
import type { KeyRecord } from "../domain/key-record";
import type { Snapshot } from "../domain/snapshot";
import { buildExportFile, readBody, streamRowExport } from "../report/export-file";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { runScan } from "../scan/run-scan";
import { buildResidency, residencyFromFacts } from "../views/residency";
import type { KeyPageQuery, SnapshotStore } from "./store-types";
import { makeSnapshot } from "./test-fixtures";
import { testBackends } from "./test-store";

const AUDITOR = { accessKeyId: "AKIAQKMSDRIFTAUDIT1", secretAccessKey: "x" };
const MEMBER = "444455556666";

let server: SandboxServer;
let scanned: Snapshot;

beforeAll(async () => {
  server = await startSandboxServer({ port: 0, world: "demo", seed: 3 });
  scanned = await runScan({
    endpoint: server.url,
    credentials: AUDITOR,
    config: await loadConfig("lib/sandbox/worlds/demo.config.json"),
    regions: server.manifest.enabledRegions,
    trail: false,
  });
}, 120_000);
afterAll(() => server?.close());

/** The keys `/keys` lists, worked out from the whole snapshot: by account, region, then as scanned. */
function keysOracle(snapshot: Snapshot, filter: Partial<KeyPageQuery>): KeyRecord[] {
  const q = (filter.q ?? "").trim().toLowerCase();
  const has = (text: string) => text.toLowerCase().includes(q);
  return snapshot.keys
    .map((key, position) => ({ key, position }))
    .filter(({ key }) => !filter.account?.length || filter.account.includes(key.account))
    .filter(({ key }) => !filter.region?.length || filter.region.includes(key.region))
    .filter(
      ({ key }) =>
        !q ||
        has(key.keyId) ||
        (key.aliases ?? []).some(has) ||
        has(key.metadata.Description ?? ""),
    )
    .sort(
      (a, b) =>
        (a.key.account < b.key.account ? -1 : a.key.account > b.key.account ? 1 : 0) ||
        (a.key.region < b.key.region ? -1 : a.key.region > b.key.region ? 1 : 0) ||
        a.position - b.position,
    )
    .map(({ key }) => key);
}

describe.each(testBackends())("reads from rows, not whole snapshots ($name)", (backend) => {
  let store: SnapshotStore;
  let dispose: () => Promise<void>;
  let whole: Snapshot;
  beforeAll(async () => {
    ({ store, dispose } = await backend.open());
    await store.saveSnapshot(scanned);
    whole = (await store.getSnapshot(scanned.id)) ?? fail("the snapshot was saved");
  }, 60_000);
  afterAll(() => dispose());

  const page = (filter: Partial<KeyPageQuery>, offset = 0, limit = 1000) =>
    store.keyPage({
      snapshotId: "latest",
      account: [],
      region: [],
      q: "",
      offset,
      limit,
      ...filter,
    });

  it("residency from SQL equals the view model fed the whole snapshot", async () => {
    const oracle = buildResidency(whole);
    // The demo world has what the comparison has to get right.
    expect(oracle.violations.length).toBeGreaterThan(0);
    expect(oracle.regions.some((r) => r.lastUsed !== null)).toBe(true);
    expect(oracle.regions.some((r) => r.families > 0 && !r.lastUseRead)).toBe(false);
    const facts = (await store.residencyFacts("latest")) ?? fail("the snapshot is stored");
    expect(residencyFromFacts(facts)).toEqual(oracle);
    expect(await store.residencyFacts("nope")).toBeNull();
  });

  it.each<[string, Partial<KeyPageQuery>]>([
    ["no filter", {}],
    ["an account", { account: [MEMBER] }],
    ["a region", { region: ["eu-west-1"] }],
    ["two regions", { region: ["eu-west-1", "us-east-1"] }],
    ["text in an alias, any case", { q: " ALIAS/PAY" }],
    ["text in a key id", { q: "mrk-" }],
    ["a `%` is text, not a wildcard", { q: "%" }],
  ])("keys, %s: the rows and count the whole snapshot gives", async (_, filter) => {
    const wanted = keysOracle(whole, filter);
    const got = await page(filter);
    expect(got?.rows.map((r) => r.arn)).toEqual(wanted.map((k) => k.arn));
    expect(got?.matched).toBe(wanted.length);
    expect(got?.total).toBe(whole.keys.length);
  });

  it("keys: the filters above narrow the demo world", async () => {
    const all = whole.keys.length;
    expect(keysOracle(whole, { account: [MEMBER] }).length).toBeLessThan(all);
    expect(keysOracle(whole, { account: [MEMBER] }).length).toBeGreaterThan(0);
    expect(keysOracle(whole, { q: "alias/pay" }).length).toBeGreaterThan(0);
    expect(keysOracle(whole, { q: "alias/pay" }).length).toBeLessThan(all);
    expect(keysOracle(whole, { q: "%" })).toEqual([]);
  });

  it("keys: pages of 7 put together are the whole list; past the end is empty with the count", async () => {
    const all = keysOracle(whole, {});
    const paged: string[] = [];
    for (let offset = 0; offset < all.length; offset += 7)
      paged.push(...((await page({}, offset, 7))?.rows.map((r) => r.arn) ?? []));
    expect(paged).toEqual(all.map((k) => k.arn));
    const past = await page({ account: [MEMBER] }, all.length, 7);
    expect(past?.rows).toEqual([]);
    expect(past?.matched).toBe(keysOracle(whole, { account: [MEMBER] }).length);
  });

  it("keys: a row shows what /keys showed of the key", async () => {
    const got = await page({});
    const key = keysOracle(whole, {})[0] ?? fail("the demo world has keys");
    expect(got?.rows[0]).toEqual({
      arn: key.arn,
      account: key.account,
      region: key.region,
      keyId: key.keyId,
      aliases: key.aliases,
      state: key.metadata.KeyState,
      manager: key.metadata.KeyManager,
      description: key.metadata.Description ?? "",
    });
    expect(got?.accounts).toEqual([...new Set(whole.regions.map((r) => r.account))].sort());
    expect(got?.regions).toEqual([...new Set(whole.regions.map((r) => r.region))].sort());
    expect(await store.keyPage({ ...query0(), snapshotId: "nope" })).toBeNull();
  });

  it.each(["csv", "asff", "ocsf"] as const)(
    "%s streamed from rows in pages is byte for byte the whole-snapshot export",
    async (format) => {
      expect(whole.findings.length).toBeGreaterThan(15);
      const oracle = await readBody(
        buildExportFile(format, { snapshot: whole, comparison: null }).body,
      );
      for (const pageSize of [7, 500]) {
        const file = await streamRowExport(store, "latest", format, pageSize);
        expect(file?.body).toBeInstanceOf(ReadableStream);
        expect(await readBody(file?.body ?? "")).toBe(oracle);
        expect(file?.filename).toBe(
          buildExportFile(format, { snapshot: whole, comparison: null }).filename,
        );
      }
      expect(await streamRowExport(store, "nope", format)).toBeNull();
    },
  );

  it("asff names the first of equal keys, ocsf the last, as the whole-snapshot exports do", async () => {
    const base = makeSnapshot({ id: "equal-keys", startedAt: "2020-01-01T00:00:00.000Z" });
    const twins = base.keys.map((k) => ({
      ...k,
      arn: `${k.arn}-twin`,
      aliases: ["alias/twin"],
      metadata: { ...k.metadata, KeyState: "Disabled" as const },
    }));
    const equalKeys = { ...base, keys: [...base.keys, ...twins] };
    expect(equalKeys.findings.length).toBeGreaterThan(0);
    await store.saveSnapshot(equalKeys);
    const stored = (await store.getSnapshot("equal-keys")) ?? fail("saved");
    for (const format of ["asff", "ocsf"] as const) {
      const oracle = await readBody(
        buildExportFile(format, { snapshot: stored, comparison: null }).body,
      );
      const file = await streamRowExport(store, "equal-keys", format, 2);
      expect(await readBody(file?.body ?? "")).toBe(oracle);
    }
    const ocsf = await readBody((await streamRowExport(store, "equal-keys", "ocsf"))?.body ?? "");
    expect(ocsf).toContain("-twin");
    const asff = await readBody((await streamRowExport(store, "equal-keys", "asff"))?.body ?? "");
    expect(asff).not.toContain("-twin");
  });
});

function query0(): KeyPageQuery {
  return { snapshotId: "latest", account: [], region: [], q: "", offset: 0, limit: 10 };
}

function fail(message: string): never {
  throw new Error(message);
}
