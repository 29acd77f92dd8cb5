import "server-only";
import { filterFamilies } from "../../components/families/filter-families";
import type { FamilyFilters } from "../../components/families/family-filters";
import type { FamilyMatrix } from "../../components/families/matrix-types";
import { buildFamilyMatrix } from "./family-matrix";
import { loadSnapshot, memoBySnapshot } from "./snapshot-cache";

/** The whole matrix of a snapshot (computed once per snapshot); null before the first snapshot. */
export async function getFamilyMatrix(snapshotId = "latest"): Promise<FamilyMatrix | null> {
  const snapshot = await loadSnapshot(snapshotId);
  return snapshot ? memoBySnapshot("matrix", snapshot, buildFamilyMatrix) : null;
}

export function applyFamilyFilters(
  matrix: FamilyMatrix,
  filters: FamilyFilters,
): FamilyMatrix & { total: number } {
  return {
    ...matrix,
    total: matrix.rows.length,
    rows: filterFamilies(matrix.rows, matrix.regions, filters),
  };
}
