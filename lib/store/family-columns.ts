import { SEVERITIES } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { buildFamilyMatrix, driftedFamilyIds } from "../history/family-matrix";
import type { FamilyRow } from "../history/family-matrix-types";

/**
 * What the store derives for each family of a snapshot so that pages filter, sort and page in SQL.
 * Bump it when the families matrix's rules change: stored snapshots are derived again on first use.
 */
export const DERIVED_VERSION = 1;

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

export function deriveFamilies(snapshot: Snapshot): DerivedFamilies {
  const matrix = buildFamilyMatrix(snapshot);
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
      };
    }),
  };
}
