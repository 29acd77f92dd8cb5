"use client";

import { useCallback, useMemo } from "react";
import { Notice } from "../ui/notice";
import { FamiliesGrid } from "./families-grid";
import { FilterBar, type FilterOptions } from "./filter-bar";
import { FilterChips } from "./filter-chips";
import { filterFamilies } from "@/lib/views/filter-families";
import type { FamilyMatrix } from "@/lib/views/family-matrix-types";
import { SearchBox } from "./search-box";
import { useUrlFilters } from "./use-url-filters";

/** The families page's interactive leaf: URL-backed filters over the whole matrix, filtered in the browser. */
export function FamiliesView({
  matrix,
  options,
}: {
  matrix: FamilyMatrix;
  options: FilterOptions;
}) {
  const { filters, problem, setFilters } = useUrlFilters();
  const rows = useMemo(
    () => filterFamilies(matrix.rows, matrix.regions, filters),
    [matrix, filters],
  );
  const onSearch = useCallback(
    (q: string) => setFilters({ ...filters, q }, "replace"),
    [filters, setFilters],
  );
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-4">
        <SearchBox value={filters.q} onSearch={onSearch} />
        <FilterBar filters={filters} options={options} onApply={(next) => setFilters(next)} />
      </div>
      <FilterChips filters={filters} onChange={(next) => setFilters(next)} />
      {problem ? (
        <Notice title="Some filters were ignored" tone="error">
          {problem}
        </Notice>
      ) : null}
      <p role="status" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
        {rows.length} of {matrix.rows.length} families
      </p>
      {rows.length === 0 ? (
        <Notice title="No family matches these filters">
          Remove a filter chip or clear all filters.
        </Notice>
      ) : (
        <FamiliesGrid rows={rows} regions={matrix.regions} />
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        ★ primary, ◆ reference region. Arrow keys move between cells, Home/End jump along a row,
        Enter opens the family.
      </p>
    </div>
  );
}
