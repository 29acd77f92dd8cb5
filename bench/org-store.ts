/**
 * Organization-scale store benchmark (prints figures, asserts nothing): on PGlite (or PostgreSQL
 * when DATABASE_URL is set), the save of a synthetic 200,000-key snapshot (50,000 four-region
 * families over 500 accounts in 5 OUs), the comparison of two of them, the /api/families query
 * (first page, filtered pages) at 50,000 families, a family's slice, and the peak RSS.
 * The snapshot is generated here (fast, deterministic), not scanned: `bench:org` measures the scan.
 * Usage: npm run bench:org-store -- [--keys 200000] [--accounts 500] [--runs 40]
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { AccountScan } from "../lib/domain/account-scan";
import type { Family } from "../lib/domain/family";
import type { Finding, FindingProperty, Severity } from "../lib/domain/finding";
import { findingId } from "../lib/domain/finding-id";
import type { KeyRecord } from "../lib/domain/key-record";
import type { RegionScan, Snapshot } from "../lib/domain/snapshot";
import type { TrailEvent } from "../lib/domain/trail-event";
import { customerKeyMetadata } from "../lib/domain/testing/key-metadata";
import { defaultPolicy } from "../lib/drift/test-fixtures";
import { openStore } from "../lib/store/store";
import type { FamilyPageQuery, SnapshotStore } from "../lib/store/store-types";
import { withSampleDetail } from "../lib/store/test-fixtures";
import { DEFAULT_FILTERS, FAMILY_PAGE_SIZE } from "../lib/views/family-filters";

const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "us-west-2"];
const OUS = [
  "Root/Workloads/Prod",
  "Root/Workloads/Dev",
  "Root/Sandbox",
  "Root/Security",
  "Root/Shared",
];
const SEVERITIES: Severity[] = ["critical", "high", "medium", "low", "info"];
const PROPERTIES: FindingProperty[] = ["policy", "grants", "tags", "description", "state"];

const accountId = (i: number) => String(100000000000 + i * 7919);

function keyRecord(account: string, region: string, keyId: string, family: number): KeyRecord {
  const arn = `arn:aws:kms:${region}:${account}:key/${keyId}`;
  return {
    account,
    region,
    keyId,
    arn,
    metadata: customerKeyMetadata({ account, keyId, arn, description: `service ${family % 97}` }),
    audited: true,
    policy: defaultPolicy(region, account),
    grants: [],
    aliases: [`alias/app-${family}`],
    tags: { team: `team-${family % 20}`, env: family % 3 === 0 ? "prod" : "dev" },
    rotation: { enabled: true, periodDays: 365 },
    errors: [],
  };
}

/** Findings of every fifth family: 1–3 each, the `round` shifting a few of them between snapshots. */
function findingsOf(family: Family, index: number, round: number): Finding[] {
  if (index % 5 !== 0) return [];
  const out: Finding[] = [];
  for (let j = 0; j < 1 + (index % 3); j += 1) {
    const region = REGIONS[1 + ((index + j) % 3)] ?? "eu-west-1";
    const property = PROPERTIES[(index + j) % PROPERTIES.length] ?? "tags";
    // One family in 50 fixed in the later snapshot; one in 40 changes severity.
    if (round === 1 && index % 50 === 0 && j === 0) continue;
    const severity = SEVERITIES[(index + j + (round === 1 && index % 40 === 0 ? 1 : 0)) % 5];
    const what = `${property}-${j}`;
    out.push(
      withSampleDetail(property, {
        id: findingId(family.id, property, region, what),
        familyId: family.id,
        keyId: family.members[0]?.keyId ?? "",
        account: family.account,
        region,
        referenceRegion: family.referenceRegion,
        severity: severity ?? "low",
        title: `${property} differs in ${region}`,
        expected: { value: "reference" },
        actual: { value: what },
        attribution: [],
        remediation: [`aws kms tag-resource --region ${region} --key-id ${family.name}`],
        waived: index % 35 === 0,
      }),
    );
  }
  return out;
}

function generate(keys: number, accounts: number, round: number): Snapshot {
  const familyCount = Math.floor(keys / REGIONS.length);
  const perAccount = Math.ceil(familyCount / accounts);
  const keyRecords: KeyRecord[] = [];
  const families: Family[] = [];
  const findings: Finding[] = [];
  const events: TrailEvent[] = [];
  for (let f = 0; f < familyCount; f += 1) {
    const account = accountId(Math.floor(f / perAccount));
    const keyId = `mrk-${f.toString(16).padStart(32, "0")}`;
    const members = REGIONS.map((region, i) => {
      keyRecords.push(keyRecord(account, region, keyId, f));
      return {
        region,
        keyId,
        arn: `arn:aws:kms:${region}:${account}:key/${keyId}`,
        role: i === 0 ? ("primary" as const) : ("replica" as const),
      };
    });
    const family: Family = {
      id: `${account}:${keyId}`,
      kind: "multi-region",
      account,
      name: keyId,
      referenceRegion: REGIONS[0] ?? null,
      members,
      flags: [],
    };
    families.push(family);
    const found = findingsOf(family, f, round);
    findings.push(...found);
    if (found.length > 0)
      events.push({
        eventId: `ev-${f}`,
        eventTime: "2026-11-20T10:00:00Z",
        eventName: "PutKeyPolicy",
        region: REGIONS[1] ?? "eu-west-1",
        account,
        actor: `arn:aws:iam::${account}:user/ops`,
        keyIds: [keyId],
        requestParameters: { keyId },
      });
  }
  const accountIds = Array.from({ length: accounts }, (_, i) => accountId(i));
  const accountScans: AccountScan[] = accountIds.map((account, i) => ({
    account,
    source: "organization",
    name: `account-${i}`,
    ou: { id: `ou-${i % OUS.length}`, path: OUS[i % OUS.length] ?? "Root" },
    tags: { team: `team-${i % 20}`, costCenter: `cc-${i % 7}` },
    state: "ACTIVE",
    status: "ok",
  }));
  const regions: RegionScan[] = accountIds.flatMap((account) =>
    REGIONS.map((region) => ({
      account,
      region,
      status: "ok" as const,
      keyCount: perAccount,
      apiCalls: perAccount * 4,
      throttledCalls: 0,
      durationMs: 1000,
    })),
  );
  const startedAt = new Date(Date.UTC(2026, 10, 20 + round)).toISOString();
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) bySeverity[f.severity] += 1;
  return {
    schemaVersion: 1,
    id: `org-bench-${round}`,
    startedAt,
    finishedAt: startedAt,
    tool: { name: "kms-drift", version: "bench" },
    source: { kind: "sandbox", partition: "aws" },
    parameters: { regions: REGIONS, trail: true },
    accounts: accountIds,
    accountScans,
    organization: { id: "o-bench", managementAccount: accountId(0), roleName: "KmsDriftAudit" },
    regions,
    keys: keyRecords,
    families,
    findings,
    events,
    summary: {
      status: "complete",
      keys: keyRecords.length,
      auditedKeys: keyRecords.length,
      families: families.length,
      driftedFamilies: new Set(findings.map((f) => f.familyId)).size,
      findings: findings.length,
      findingsBySeverity: bySeverity,
      waivedFindings: findings.filter((f) => f.waived).length,
      regions: { ok: regions.length, partial: 0, error: 0, "not-enabled": 0 },
      accounts: { ok: accounts, partial: 0, error: 0, skipped: 0 },
    },
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await fn();
  return [result, performance.now() - start];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The API's work for one request: the SQL page and its JSON body. */
async function apiLatency(
  store: SnapshotStore,
  label: string,
  query: Partial<FamilyPageQuery>,
  runs: number,
): Promise<void> {
  const times: number[] = [];
  let matched = 0;
  for (let i = 0; i < runs; i += 1) {
    const [page, took] = await timed(async () => {
      const result = await store.familyPage({
        snapshotId: "latest",
        ...DEFAULT_FILTERS,
        offset: 0,
        limit: FAMILY_PAGE_SIZE,
        ...query,
      });
      JSON.stringify(result);
      return result;
    });
    matched = page?.matched ?? 0;
    times.push(took);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  ${label.padEnd(46)} p50 ${ms(percentile(times, 50)).padStart(9)}  p95 ${ms(percentile(times, 95)).padStart(9)}  (${matched} matched)`,
  );
}

/** Generates and saves one snapshot; only its id and one family id outlive the call. */
async function saveRound(
  store: SnapshotStore,
  keys: number,
  accounts: number,
  round: number,
): Promise<{ id: string; families: number; familyId: string }> {
  const [snapshot, generated] = await timed(() => Promise.resolve(generate(keys, accounts, round)));
  if (round === 0)
    console.log(
      `backend ${store.kind}; synthetic snapshot: ${snapshot.keys.length} keys, ${snapshot.families.length} families, ${snapshot.findings.length} findings, ${snapshot.events.length} events, ${accounts} accounts (generated in ${ms(generated)})`,
    );
  const [, took] = await timed(() => store.saveSnapshot(snapshot));
  console.log(
    `save snapshot ${round + 1}${round > 0 ? " (+ stored comparison)" : ""}`.padEnd(45) + ms(took),
  );
  return {
    id: snapshot.id,
    families: snapshot.families.length,
    familyId: snapshot.families[1234 % snapshot.families.length]?.id ?? "",
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      keys: { type: "string", default: "200000" },
      accounts: { type: "string", default: "500" },
      runs: { type: "string", default: "40" },
    },
  });
  const keys = Number(values.keys);
  const accounts = Number(values.accounts);
  const runs = Number(values.runs);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-bench-org-store-"));
  const store = process.env.DATABASE_URL ? await openStore() : await openStore({ dataDir });
  try {
    const first = await saveRound(store, keys, accounts, 0);
    const second = await saveRound(store, keys, accounts, 1);
    console.log(`peak RSS after both saves                    ${rssMb()} MB`);
    const [comparison, compareMs] = await timed(() => store.compareSnapshots(first.id, second.id));
    console.log(
      `compareSnapshots(1, 2) on rows                ${ms(compareMs)}  (${JSON.stringify(comparison.counts)})`,
    );
    console.log(`GET /api/families at ${second.families} families (${runs} runs each):`);
    await apiLatency(store, "first page (default sort)", {}, runs);
    await apiLatency(store, "sort=name", { sort: "name" }, runs);
    await apiLatency(store, "severity=high", { severity: ["high"] }, runs);
    await apiLatency(store, "ou=Root/Workloads", { ou: ["Root/Workloads"] }, runs);
    await apiLatency(store, "accountTag=team=team-3", { accountTag: ["team=team-3"] }, runs);
    await apiLatency(
      store,
      "account + severity=high",
      { account: [accountId(7)], severity: ["high"] },
      runs,
    );
    await apiLatency(store, "q=0000abc (text search)", { q: "0000abc" }, runs);
    await apiLatency(store, "offset=40000 (deep page)", { offset: 40_000 }, runs);
    const [, sliceMs] = await timed(() => store.familySlice("latest", second.familyId));
    console.log(`family page slice (one family)               ${ms(sliceMs)}`);
    const [whole, wholeMs] = await timed(() => store.getSnapshot("latest"));
    console.log(
      `getSnapshot(latest), whole (exports)          ${ms(wholeMs)}  (${whole?.keys.length ?? 0} keys)`,
    );
    console.log(`peak RSS (after the whole read)              ${rssMb()} MB`);
  } finally {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
