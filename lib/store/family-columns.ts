import { SEVERITIES } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { buildFamilyMatrix, driftedFamilyIds } from "../history/family-matrix";
import type { FamilyRow } from "../history/family-matrix-types";
import type { FamilyPageQuery } from "./store-types";

export type FamilySort = FamilyPageQuery["sort"];
export const FAMILY_SORTS: readonly FamilySort[] = ["severity", "name", "findings", "account"];

/**
 * What the store derives for each family of a snapshot so that pages filter, sort and page in SQL.
 * Bump it when the families matrix's rules change: stored snapshots are derived again on first use.
 */
export const DERIVED_VERSION = 2;

/** One family's derived columns, in `snapshot_families` order (its `position`). */
export interface DerivedFamily {
  position: number;
  ouPath: string | null;
  accountTags: string[];
  worstRank: number;
  severities: string[];
  properties: string[];
  findingCount: number;
  waivedCount: number;
  drifted: boolean;
  tags: string[];
  search: string;
  presentRegions: string[];
  row: FamilyRow;
  /**
   * Where the family stands in each sort of the families page, ascending (descending is the
   * reverse): the page orders by one indexed integer, and a page far down an unfiltered list is
   * a range of it rather than thousands of rows skipped.
   */
  ranks: Record<FamilySort, number>;
}

export interface DerivedFamilies {
  /** The matrix's columns (regions), the order of every row's `cells`. */
  regions: string[];
  families: DerivedFamily[];
}

/** A severity's rank for sorting: critical first, a family without findings last. */
export function worstRank(row: Pick<FamilyRow, "worst">): number {
  return row.worst === null ? SEVERITIES.length : SEVERITIES.indexOf(row.worst);
}

/** Code-point order, as the families page sorts (lib/views/filter-families.ts). */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Each sort's ascending order, exactly as the families page defines it (lib/views/filter-families.ts
 * is the reference its tests compare the store's pages with): name then id break every tie.
 */
const ASCENDING: Record<FamilySort, (a: FamilyRow, b: FamilyRow) => number> = {
  severity: (a, b) => worstRank(a) - worstRank(b) || b.findings - a.findings,
  findings: (a, b) => b.findings - a.findings,
  account: (a, b) => byCodePoint(a.account, b.account),
  name: () => 0,
};

/** Each row's place (from 0) in every sort's ascending order. */
function sortRanks(rows: FamilyRow[]): Record<FamilySort, number>[] {
  const ranks = rows.map(() => ({}) as Record<FamilySort, number>);
  for (const sort of FAMILY_SORTS) {
    const order = rows.map((_, i) => i);
    order.sort((i, j) => {
      const a = rows[i] as FamilyRow;
      const b = rows[j] as FamilyRow;
      return ASCENDING[sort](a, b) || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id);
    });
    order.forEach((index, rank) => {
      const entry = ranks[index];
      if (entry) entry[sort] = rank;
    });
  }
  return ranks;
}

export function deriveFamilies(snapshot: Snapshot): DerivedFamilies {
  const matrix = buildFamilyMatrix(snapshot);
  const ranks = sortRanks(matrix.rows);
  const drifted = driftedFamilyIds(snapshot);
  const accounts = new Map((snapshot.accountScans ?? []).map((a) => [a.account, a]));
  return {
    regions: matrix.regions,
    families: matrix.rows.map((row, position) => {
      const account = accounts.get(row.account);
      return {
        position,
        ouPath: account?.ou?.path ?? null,
        accountTags: Object.entries(account?.tags ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .sort(),
        worstRank: worstRank(row),
        severities: row.severities,
        properties: row.properties,
        findingCount: row.findings,
        waivedCount: row.waived,
        drifted: drifted.has(row.id),
        tags: row.tags,
        search: row.search,
        // The region filter keeps a family wherever its cell is anything but "not present".
        presentRegions: matrix.regions.filter((_, i) => row.cells[i] !== "absent"),
        row,
        ranks: ranks[position] as Record<FamilySort, number>,
      };
    }),
  };
}
