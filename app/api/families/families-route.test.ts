import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_ACCOUNT, makeSnapshot } from "@/lib/store/test-fixtures";
import { getStore } from "@/lib/server/store";
import { GET as getFamilies } from "./route";

const noParams = { params: Promise.resolve({}) };
let dataDir = "";

const get = (query: string) =>
  getFamilies(new Request(`http://127.0.0.1/api/families${query}`), noParams);

async function errorOf(response: Response): Promise<{ code: string; message: string }> {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-api-families-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const snapshot = makeSnapshot({ id: "paged", startedAt: "2026-11-23T08:00:00.000Z" });
  snapshot.accountScans = [
    {
      account: FIXTURE_ACCOUNT,
      source: "organization",
      ou: { id: "ou-1", path: "Root/Work_loads" },
      tags: { team: "payments" },
      status: "ok",
    },
  ];
  // A tag with the characters a PostgreSQL array literal treats specially, on the reference key.
  const reference = snapshot.keys.find((k) => k.region === "us-east-1");
  if (reference) reference.tags = { 'we"ird\\': "x{y} z" };
  await (await getStore()).saveSnapshot(snapshot);
});

const WEIRD_TAG = 'we"ird\\=x{y} z';

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("GET /api/families paging and the Organization filters", () => {
  it("pages with offset and limit, counting what the filters keep and what the snapshot holds", async () => {
    const first = (await (await get("?sort=name&limit=1")).json()) as {
      rows: { id: string }[];
      matched: number;
      total: number;
      offset: number;
    };
    const second = (await (await get("?sort=name&limit=1&offset=1")).json()) as typeof first;
    expect(first).toMatchObject({ matched: 2, total: 2, offset: 0 });
    expect(first.rows.map((r) => r.id)).toEqual([`${FIXTURE_ACCOUNT}:alias/orders`]);
    expect(second.rows.map((r) => r.id)).toEqual([`${FIXTURE_ACCOUNT}:mrk-1234abcd`]);
    expect(second.offset).toBe(1);
  });

  it("filters by OU and account tag", async () => {
    const count = async (query: string) =>
      ((await (await get(query)).json()) as { matched: number }).matched;
    expect(await count("?ou=Root/Work_loads")).toBe(2);
    expect(await count("?ou=Root")).toBe(2);
    // An OU's name is matched as written: `%` and `_` are no wildcards.
    expect(await count("?ou=Root/Work%25")).toBe(0);
    expect(await count("?ou=Root/Work_l_ads")).toBe(0);
    expect(await count("?ou=Root/Work")).toBe(0);
    expect(await count("?ou=Root/Sandbox")).toBe(0);
    expect(await count("?accountTag=team%3Dpayments")).toBe(2);
    expect(await count("?accountTag=team%3Dplatform")).toBe(0);
  });

  it("keeps key tags as they are, quotes, backslashes, braces and spaces included", async () => {
    const body = (await (await get(`?tag=${encodeURIComponent(WEIRD_TAG)}`)).json()) as {
      matched?: number;
      rows?: { tags: string[] }[];
      error?: unknown;
    };
    expect(body.error).toBeUndefined();
    expect(body.rows?.[0]?.tags).toEqual([WEIRD_TAG]);
    expect(body.matched).toBe(1);
  });

  it.each([
    ["?limit=0", /^invalid parameter "limit": /],
    ["?limit=501", /^invalid parameter "limit": /],
    ["?offset=-1", /^invalid parameter "offset": /],
    ["?offset=first", /^invalid parameter "offset": /],
    ["?accountTag=team", /^invalid parameter "accountTag\.0": expected account tags as Key=Value$/],
    ["?ou=Root//Prod", /^invalid parameter "ou\.0": expected OU paths like Root\/Workloads$/],
  ])("%s is a 400 naming the parameter", async (query, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(message);
  });

  it("a snapshot that is not stored is a 404", async () => {
    const response = await get("?snapshot=not-stored");
    expect(response.status).toBe(404);
    expect((await errorOf(response)).message).toBe("snapshot not-stored not found");
  });
});
