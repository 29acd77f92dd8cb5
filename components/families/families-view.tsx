"use client";

import { useCallback, useEffect, useRef } from "react";
import { Notice } from "../ui/notice";
import { FamiliesGrid } from "./families-grid";
import { FilterBar, type FilterOptions } from "./filter-bar";
import { FilterChips } from "./filter-chips";
import { type FamilyFilters, filtersToQuery } from "@/lib/views/family-filters";
import { SearchBox } from "./search-box";
import type { FamilyPage } from "@/lib/views/family-matrix-types";
import { useFamilyPages } from "./use-family-pages";
import { useUrlFilters } from "./use-url-filters";

/**
 * The families page's interactive leaf: URL-backed filters, applied by the server (/api/families
 * filters, sorts and pages in SQL); the grid fetches the pages it scrolls to.
 */
export function FamiliesView({
  first,
  options,
}: {
  /** The first page for the URL's filters, as the server rendered it. */
  first: FamilyPage;
  options: FilterOptions;
}) {
  const { filters, problem, setFilters: writeFilters, writeAfterPaint } = useUrlFilters();
  const query = filtersToQuery(filters);
  const pages = useFamilyPages(first.snapshotId, query, first);
  const settled = pages.current || pages.error !== null;
  // The filters' URL is written once their rows (or the error) are on screen: see useUrlFilters.
  useEffect(() => (settled ? writeAfterPaint() : undefined), [settled, query, writeAfterPaint]);
  const { load } = pages;
  const setFilters = useCallback(
    (next: FamilyFilters, mode?: "push" | "replace") => {
      load(filtersToQuery(next));
      writeFilters(next, mode);
    },
    [load, writeFilters],
  );
  const onApply = useCallback((next: FamilyFilters) => setFilters(next), [setFilters]);
  const onSearch = useCallback(
    (q: string) => setFilters({ ...filters, q }, "replace"),
    [filters, setFilters],
  );
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After the hydration commit: what "interactive" means for the e2e tests and bench:ui.
    root.current?.setAttribute("data-hydrated", "");
  }, []);
  return (
    <div ref={root} className="space-y-3">
      <div className="flex flex-wrap items-end gap-4">
        <SearchBox value={filters.q} onSearch={onSearch} />
        <FilterBar filters={filters} options={options} onApply={onApply} />
      </div>
      <FilterChips filters={filters} onChange={onApply} />
      {problem ? (
        <Notice title="Some filters were ignored" tone="error">
          {problem}
        </Notice>
      ) : null}
      {pages.error ? (
        <Notice title="The families could not be loaded" tone="error">
          {pages.error}
        </Notice>
      ) : null}
      <p
        role="status"
        aria-live="polite"
        aria-busy={!pages.current}
        className="text-sm text-slate-700 dark:text-slate-300"
      >
        {pages.matched} of {pages.total} families
      </p>
      {pages.matched === 0 ? (
        <Notice title="No family matches these filters">
          Remove a filter chip or clear all filters.
        </Notice>
      ) : (
        // Until a new query's first page arrives, the grid keeps showing the previous one.
        <FamiliesGrid
          count={pages.matched}
          rowAt={pages.rowAt}
          onRows={pages.requestRows}
          regions={pages.regions}
        />
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        ★ primary, ◆ reference region. Arrow keys move between cells, Home/End jump along a row,
        Enter opens the family.
      </p>
    </div>
  );
}
