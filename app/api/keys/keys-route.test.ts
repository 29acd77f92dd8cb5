import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSnapshot } from "@/lib/store/test-fixtures";
import { getStore } from "@/lib/server/store";
import { GET as getKeys } from "./route";

const noParams = { params: Promise.resolve({}) };
let dataDir = "";
const snapshot = makeSnapshot({ id: "keys-paged", startedAt: "2026-11-23T08:00:00.000Z" });

const get = (query: string) => getKeys(new Request(`http://127.0.0.1/api/keys${query}`), noParams);

interface Body {
  rows: { keyId: string; region: string }[];
  matched: number;
  total: number;
  offset: number;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-api-keys-"));
  process.env.KMS_DRIFT_DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const [first] = snapshot.keys;
  if (first) first.aliases = ["alias/Orders", "alias/billing"];
  await (await getStore()).saveSnapshot(snapshot);
});

afterAll(async () => {
  await (await getStore()).close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("GET /api/keys", () => {
  it("pages with offset and limit in region order, counting what the filters keep", async () => {
    const regions = snapshot.keys.map((k) => k.region).sort();
    expect(regions.length).toBeGreaterThan(1);
    const first = (await (await get("?limit=1")).json()) as Body;
    const second = (await (await get("?limit=1&offset=1")).json()) as Body;
    expect(first).toMatchObject({ matched: regions.length, total: regions.length, offset: 0 });
    expect(first.rows.map((r) => r.region)).toEqual([regions[0]]);
    expect(second.rows.map((r) => r.region)).toEqual([regions[1]]);
    const filtered = (await (await get(`?region=${regions[1]}`)).json()) as Body;
    expect(filtered.matched).toBe(regions.filter((r) => r === regions[1]).length);
    expect(filtered.total).toBe(regions.length);
  });

  it("text matches inside one alias, never across the list of them", async () => {
    const matched = async (q: string) =>
      ((await (await get(`?q=${encodeURIComponent(q)}`)).json()) as Body).matched;
    expect(await matched("ALIAS/BILL")).toBe(1);
    expect(await matched("orders")).toBe(1);
    expect(await matched('",')).toBe(0);
    expect(await matched("orders, alias")).toBe(0);
  });

  it.each([
    ["?limit=0", /limit/],
    ["?limit=501", /limit/],
    ["?offset=-1", /offset/],
    ["?offset=x", /offset/],
    ["?account=12", /12-digit account ids/],
    ["?region=EU_WEST", /region names/],
    [`?q=${"x".repeat(201)}`, /q/],
  ])("%s is a 400 naming the parameter", async (query, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("bad_request");
    expect(error.message).toMatch(message);
  });

  it("an unknown snapshot is a 404", async () => {
    const response = await get("?snapshot=nope");
    expect(response.status).toBe(404);
  });
});
