import "server-only";
import { buildFamilyMatrix } from "../views/family-matrix";
import type { FamilyMatrix } from "../views/family-matrix-types";
import { loadSnapshot, memoBySnapshot } from "./snapshot-cache";

/** The whole matrix of a snapshot (computed once per snapshot); null before the first snapshot. */
export async function getFamilyMatrix(snapshotId = "latest"): Promise<FamilyMatrix | null> {
  const snapshot = await loadSnapshot(snapshotId);
  return snapshot ? memoBySnapshot("matrix", snapshot, buildFamilyMatrix) : null;
}
