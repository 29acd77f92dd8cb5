import { describe, expect, it } from "vitest";
import { moveInGrid } from "./grid-keys";

describe("moveInGrid", () => {
  it("moves with arrows and clamps at the edges", () => {
    expect(moveInGrid({ row: 0, col: 0 }, "ArrowRight", 3, 4)).toEqual({ row: 0, col: 1 });
    expect(moveInGrid({ row: 0, col: 0 }, "ArrowUp", 3, 4)).toEqual({ row: 0, col: 0 });
    expect(moveInGrid({ row: 2, col: 3 }, "ArrowDown", 3, 4)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 1, col: 2 }, "Home", 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveInGrid({ row: 1, col: 2 }, "End", 3, 4, 10, true)).toEqual({ row: 2, col: 3 });
    expect(moveInGrid({ row: 0, col: 0 }, "PageDown", 30, 4, 10)).toEqual({ row: 10, col: 0 });
    expect(moveInGrid({ row: 0, col: 0 }, "a", 3, 4)).toBeNull();
  });
});
