"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useState } from "react";
import {
  type FamilyFilters,
  filtersToQuery,
  safeParseFamilyFilters,
} from "@/lib/views/family-filters";

interface Shown {
  filters: FamilyFilters;
  problem: string | null;
  /** The URL query this state last took into account (as useSearchParams gave it). */
  url: string;
  /** Queries written to the history by `setFilters` that useSearchParams has not shown yet. */
  pending: string[];
}

function fromUrl(url: string): Shown {
  return { ...safeParseFamilyFilters(new URLSearchParams(url)), url, pending: [] };
}

/**
 * The families filters, held by the URL. A change is rendered at once from this component's state
 * and written with the History API; Next.js turns that write into a router transition that brings
 * useSearchParams up to date later, and that transition is not waited for: a filter's fetch starts
 * in the same task as the click. A URL change this hook did not write (back/forward) replaces the state.
 */
export function useUrlFilters() {
  const url = useSearchParams().toString();
  const [shown, setShown] = useState<Shown>(() => fromUrl(url));
  if (shown.url !== url) {
    const next = fromUrl(url);
    const query = filtersToQuery(next.filters);
    if (next.problem === null && query === filtersToQuery(shown.filters))
      setShown({ ...shown, url, pending: [] });
    else if (next.problem === null && shown.pending.includes(query))
      // An older write of ours caught up while a later one is already shown: keep the later one.
      setShown({ ...shown, url, pending: shown.pending.slice(shown.pending.indexOf(query) + 1) });
    else setShown(next);
  }
  const setFilters = useCallback((next: FamilyFilters, mode: "push" | "replace" = "push") => {
    const query = filtersToQuery(next);
    setShown((s) => ({ filters: next, problem: null, url: s.url, pending: [...s.pending, query] }));
    const href = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (mode === "push") window.history.pushState(null, "", href);
    else window.history.replaceState(null, "", href);
  }, []);
  return { filters: shown.filters, problem: shown.problem, setFilters };
}
