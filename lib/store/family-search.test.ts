import { describe, expect, it } from "vitest";
import { createFamilySearch } from "./family-search";
import type { SqlQueryable, SqlRow } from "./sql-client";

/** Each snapshot's families as (position, search text); reads counted, and failed while `down`. */
function fakeStore(families: Record<string, [number, string | null][]>) {
  const reads: string[] = [];
  const state = { down: false };
  const db: SqlQueryable = {
    async query<R extends SqlRow>(_text: string, params: unknown[] = []): Promise<R[]> {
      const id = String(params[0]);
      reads.push(id);
      if (state.down) throw new Error("connection refused");
      const rows = families[id];
      // json_agg over no rows is null.
      return [
        {
          positions: rows ? rows.map(([position]) => position) : null,
          texts: rows ? rows.map(([, text]) => text) : null,
        },
      ] as unknown as R[];
    },
    async exec() {},
  };
  return { db, reads, state };
}

const FAMILIES = {
  a: [
    [0, "111122223333:mrk-aa alias/payments"],
    [1, "111122223333:alias/orders alias/orders"],
    [2, null],
    [3, "444455556666:mrk-bb alias/payments-eu"],
  ] as [number, string | null][],
  b: [[7, "999900001111:alias/payments"]] as [number, string | null][],
  c: [[0, "x"]] as [number, string | null][],
};

describe("the families' text search", () => {
  it("keeps the positions whose text holds the term, in position order, per snapshot", async () => {
    const { db } = fakeStore(FAMILIES);
    const search = createFamilySearch(db);
    expect(await search.matching("a", "alias/payments")).toEqual([0, 3]);
    expect(await search.matching("a", "111122223333")).toEqual([0, 1]);
    expect(await search.matching("a", "nothing")).toEqual([]);
    expect(await search.matching("b", "alias/payments")).toEqual([7]);
    expect(await search.matching("missing", "alias")).toEqual([]);
  });

  it("reads a snapshot's texts once while it is one of the last two searched", async () => {
    const { db, reads } = fakeStore(FAMILIES);
    const search = createFamilySearch(db);
    await search.matching("a", "mrk");
    await search.matching("a", "alias");
    await search.matching("b", "alias");
    await search.matching("a", "orders");
    expect(reads).toEqual(["a", "b"]);
    await search.matching("c", "x");
    // a was searched more recently than b: b is the one dropped.
    await search.matching("a", "mrk");
    await search.matching("b", "alias");
    expect(reads).toEqual(["a", "b", "c", "b"]);
  });

  it("reads again after a read that failed", async () => {
    const { db, reads, state } = fakeStore(FAMILIES);
    const search = createFamilySearch(db);
    state.down = true;
    await expect(search.matching("a", "mrk")).rejects.toThrow("connection refused");
    state.down = false;
    expect(await search.matching("a", "mrk")).toEqual([0, 3]);
    expect(reads).toEqual(["a", "a"]);
  });

  it("a snapshot warmed is read once, before its first search; a failed warm-up is read again", async () => {
    const { db, reads, state } = fakeStore(FAMILIES);
    const search = createFamilySearch(db);
    search.warm("a");
    expect(reads).toEqual(["a"]);
    expect(await search.matching("a", "orders")).toEqual([1]);
    expect(reads).toEqual(["a"]);
    state.down = true;
    search.warm("b");
    await new Promise((resolve) => setTimeout(resolve, 0));
    state.down = false;
    expect(await search.matching("b", "payments")).toEqual([7]);
    expect(reads).toEqual(["a", "b", "b"]);
  });

  it("one read serves searches that arrive while it runs", async () => {
    const { db, reads } = fakeStore(FAMILIES);
    const search = createFamilySearch(db);
    const [first, second] = await Promise.all([
      search.matching("a", "mrk-aa"),
      search.matching("a", "mrk-bb"),
    ]);
    expect(first).toEqual([0]);
    expect(second).toEqual([3]);
    expect(reads).toEqual(["a"]);
  });
});
