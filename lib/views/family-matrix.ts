// The matrix is derived when a snapshot is saved (the store keeps one row per family), so its
// rules live in lib/history, below the store; views and pages keep importing it from here.
export { buildFamilyMatrix, matrixRegions } from "../history/family-matrix";
