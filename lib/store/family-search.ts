import type { SqlQueryable } from "./sql-client";

/** How many snapshots' search texts a store keeps: the one being browsed and the one before it. */
const KEPT_SNAPSHOTS = 2;

interface SearchTexts {
  positions: number[];
  texts: string[];
}

/** The positions of the families whose search text holds `q` (already trimmed and lower-cased). */
export type FamilySearch = (snapshotId: string, q: string) => Promise<number[]>;

/**
 * The families' text search, answered in memory: a snapshot's search texts (each family's id, name,
 * aliases and key ids, lower-cased, ~100 bytes) are read once, and a search is a substring test
 * over them in JS. In SQL it was `strpos` over every family's row, ~45 ms at 50,000 families on
 * PGlite; here ~2 ms, and the page's query then keeps the matching positions. A stored snapshot
 * never changes (it is written once, its derived columns before anything reads them), so what
 * was read stays true.
 */
export function createFamilySearch(db: SqlQueryable): FamilySearch {
  const kept = new Map<string, Promise<SearchTexts>>();

  function textsOf(snapshotId: string): Promise<SearchTexts> {
    let texts = kept.get(snapshotId);
    if (texts) kept.delete(snapshotId);
    else {
      texts = readTexts(db, snapshotId);
      // A failed read is not kept: the next search reads again.
      texts.catch(() => {
        if (kept.get(snapshotId) === texts) kept.delete(snapshotId);
      });
    }
    kept.set(snapshotId, texts);
    for (const oldest of kept.keys()) {
      if (kept.size <= KEPT_SNAPSHOTS) break;
      kept.delete(oldest);
    }
    return texts;
  }

  return async (snapshotId, q) => {
    const { positions, texts } = await textsOf(snapshotId);
    const matching: number[] = [];
    for (let i = 0; i < texts.length; i += 1)
      if ((texts[i] as string).includes(q)) matching.push(positions[i] as number);
    return matching;
  };
}

async function readTexts(db: SqlQueryable, snapshotId: string): Promise<SearchTexts> {
  const rows = await db.query<{ position: number; search: string | null }>(
    "select position, search from snapshot_families where snapshot_id = $1",
    [snapshotId],
  );
  return { positions: rows.map((r) => r.position), texts: rows.map((r) => r.search ?? "") };
}
