"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import {
  type FamilyFilters,
  filtersToQuery,
  safeParseFamilyFilters,
} from "@/lib/views/family-filters";

/**
 * The families filters as the URL holds them. Updates go through the History API, which Next keeps in
 * sync with useSearchParams without a server round trip: filtering 5,000 rows stays on the client.
 */
export function useUrlFilters() {
  const searchParams = useSearchParams();
  const { filters, problem } = useMemo(
    () => safeParseFamilyFilters(new URLSearchParams(searchParams.toString())),
    [searchParams],
  );
  const setFilters = useCallback((next: FamilyFilters, mode: "push" | "replace" = "push") => {
    const query = filtersToQuery(next);
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);
  return { filters, problem, setFilters };
}
