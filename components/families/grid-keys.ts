export interface GridPosition {
  row: number;
  col: number;
}

/** Where a key press moves the active cell of a rows × cols grid; null when the key is not a move. */
export function moveInGrid(
  pos: GridPosition,
  key: string,
  rows: number,
  cols: number,
  page = 10,
  ctrl = false,
): GridPosition | null {
  const clamp = (row: number, col: number): GridPosition => ({
    row: Math.max(0, Math.min(rows - 1, row)),
    col: Math.max(0, Math.min(cols - 1, col)),
  });
  switch (key) {
    case "ArrowUp":
      return clamp(pos.row - 1, pos.col);
    case "ArrowDown":
      return clamp(pos.row + 1, pos.col);
    case "ArrowLeft":
      return clamp(pos.row, pos.col - 1);
    case "ArrowRight":
      return clamp(pos.row, pos.col + 1);
    case "PageUp":
      return clamp(pos.row - page, pos.col);
    case "PageDown":
      return clamp(pos.row + page, pos.col);
    case "Home":
      return ctrl ? clamp(0, 0) : clamp(pos.row, 0);
    case "End":
      return ctrl ? clamp(rows - 1, cols - 1) : clamp(pos.row, cols - 1);
    default:
      return null;
  }
}
