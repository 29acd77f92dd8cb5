export {
  CELL_LABELS,
  CELL_STATES,
  type CellState,
  type FamilyMatrix,
  type FamilyPage,
  type FamilyRow,
} from "../history/family-matrix-types";
