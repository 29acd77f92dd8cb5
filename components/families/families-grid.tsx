"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { memo, useEffect, useRef, useState } from "react";
import { FamilyLink, familyHref } from "../ui/family-link";
import { CellChip } from "./cell-chip";
import { type GridPosition, moveInGrid } from "./grid-keys";
import type { FamilyRow } from "@/lib/views/family-matrix-types";

const ROW_HEIGHT = 40;

/** One row of the grid, placed by the virtualiser (`index` 0 is the first family). */
function GridRow({
  index,
  start,
  template,
  children,
}: {
  index: number;
  start: number;
  template: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="absolute left-0 grid w-full items-center border-b border-slate-100 text-sm dark:border-slate-900"
      style={{
        gridTemplateColumns: template,
        height: ROW_HEIGHT,
        transform: `translateY(${start}px)`,
      }}
    >
      {children}
    </div>
  );
}

/**
 * One family's row, or a placeholder while its page loads. Memoised: scrolling, a page arriving or
 * the roving tab stop moving re-renders only the rows whose props changed.
 */
const FamilyGridRow = memo(function FamilyGridRow({
  family,
  index,
  start,
  template,
  regions,
  activeCol,
  onCellFocus,
}: {
  family: FamilyRow | undefined;
  index: number;
  start: number;
  template: string;
  regions: string[];
  /** The column holding the grid's tab stop when it is in this row. */
  activeCol: number | null;
  onCellFocus: (position: GridPosition) => void;
}) {
  if (!family)
    return (
      <GridRow index={index} start={start} template={template}>
        <div
          role="rowheader"
          aria-colindex={1}
          aria-busy="true"
          data-cell={`${index}:0`}
          tabIndex={activeCol === null ? -1 : 0}
          onFocus={() => onCellFocus({ row: index, col: 0 })}
          className="px-2 text-slate-600 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-400"
        >
          Loading…
        </div>
      </GridRow>
    );
  return (
    <GridRow index={index} start={start} template={template}>
      <div
        role="rowheader"
        aria-colindex={1}
        data-cell={`${index}:0`}
        tabIndex={activeCol === 0 ? 0 : -1}
        onFocus={() => onCellFocus({ row: index, col: 0 })}
        className="truncate px-2 focus-visible:outline-2 focus-visible:outline-blue-600"
      >
        <FamilyLink id={family.id} tabIndex={-1} prefetch={false}>
          {family.name}
        </FamilyLink>
        <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
          {family.kind} · {family.account}
        </span>
      </div>
      {family.cells.map((state, c) => (
        <div
          key={regions[c]}
          role="gridcell"
          aria-colindex={c + 2}
          data-cell={`${index}:${c + 1}`}
          tabIndex={activeCol === c + 1 ? 0 : -1}
          onFocus={() => onCellFocus({ row: index, col: c + 1 })}
          className="px-2 focus-visible:outline-2 focus-visible:outline-blue-600"
        >
          <span className="sr-only">{regions[c]}: </span>
          <CellChip
            state={state}
            mark={
              family.referenceRegion === regions[c]
                ? family.kind === "multi-region"
                  ? "primary"
                  : "reference"
                : null
            }
          />
        </div>
      ))}
    </GridRow>
  );
});

/**
 * The families × regions matrix: a virtualised ARIA grid with one roving tab stop and arrow-key
 * moves. It holds `count` rows; `rowAt` gives those loaded so far, and `onRows` is told which rows
 * are on screen so that their pages are fetched.
 */
export function FamiliesGrid({
  count,
  rowAt,
  onRows,
  regions,
}: {
  count: number;
  rowAt: (index: number) => FamilyRow | undefined;
  onRows: (start: number, end: number) => void;
  regions: string[];
}) {
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const [focusWanted, setFocusWanted] = useState(false);
  const cols = regions.length + 1;
  // The virtualiser's functions are not memoisable; the React Compiler skips this component, as intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 1200, height: 640 },
  });
  const template = `minmax(16rem, 2fr) repeat(${regions.length}, minmax(6.5rem, 1fr))`;
  const row = Math.min(active.row, Math.max(0, count - 1));
  const virtualItems = virtualizer.getVirtualItems();
  const firstRendered = virtualItems[0]?.index ?? 0;
  const lastRendered = virtualItems[virtualItems.length - 1]?.index ?? 0;

  useEffect(() => {
    onRows(firstRendered, lastRendered);
  }, [onRows, firstRendered, lastRendered]);

  useEffect(() => {
    if (!focusWanted) return;
    const cell = scrollRef.current?.querySelector<HTMLElement>(
      `[data-cell="${row}:${active.col}"]`,
    );
    if (cell) {
      cell.focus({ preventScroll: false });
      setFocusWanted(false);
    }
    // Re-run when the rendered window moves or a page arrives: the target row may only now exist.
  }, [focusWanted, row, active.col, firstRendered, rowAt]);

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Enter") {
      const target = rowAt(row);
      if (target) {
        event.preventDefault();
        router.push(familyHref(target.id));
      }
      return;
    }
    const next = moveInGrid({ row, col: active.col }, event.key, count, cols, 10, event.ctrlKey);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    setFocusWanted(true);
    virtualizer.scrollToIndex(next.row, { align: "auto" });
  }

  if (count === 0) return null;
  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label="Families by region"
      aria-rowcount={count + 1}
      aria-colcount={cols}
      onKeyDown={onKeyDown}
      className="relative max-h-[70vh] overflow-auto rounded border border-slate-200 dark:border-slate-800"
    >
      <div role="rowgroup" className="sticky top-0 z-10 bg-white dark:bg-slate-950">
        <div
          role="row"
          aria-rowindex={1}
          className="grid border-b border-slate-300 text-xs font-semibold dark:border-slate-700"
          style={{ gridTemplateColumns: template }}
        >
          <div role="columnheader" aria-colindex={1} className="px-2 py-2">
            Family
          </div>
          {regions.map((r, i) => (
            <div key={r} role="columnheader" aria-colindex={i + 2} className="px-2 py-2">
              {r}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((item) => (
          <FamilyGridRow
            key={rowAt(item.index)?.id ?? `loading-${item.index}`}
            family={rowAt(item.index)}
            index={item.index}
            start={item.start}
            template={template}
            regions={regions}
            activeCol={row === item.index ? active.col : null}
            onCellFocus={setActive}
          />
        ))}
      </div>
    </div>
  );
}
