"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchJson } from "../swr/fetcher";
import { FAMILY_PAGE_SIZE as PAGE_SIZE } from "@/lib/views/family-filters";
import type { FamilyPage, FamilyRow } from "@/lib/views/family-matrix-types";

interface Loaded {
  /** The filters' query string the pages belong to. */
  query: string;
  matched: number;
  total: number;
  regions: string[];
  pages: Map<number, FamilyRow[]>;
}

function fromPage(query: string, page: FamilyPage): Loaded {
  return {
    query,
    matched: page.matched,
    total: page.total,
    regions: page.regions,
    pages: new Map([[Math.floor(page.offset / PAGE_SIZE), page.rows]]),
  };
}

/**
 * The families of one snapshot as the filters in `query` keep them, fetched a page (100 rows) at a
 * time from /api/families as the grid scrolls to them. A new query starts again from its first page;
 * answers for an older query are dropped.
 */
export function useFamilyPages(snapshotId: string, query: string, initial: FamilyPage) {
  const [loaded, setLoaded] = useState<Loaded>(() => fromPage(query, initial));
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(new Set<string>());
  const current = useRef(query);
  useEffect(() => {
    current.current = query;
  }, [query]);

  const fetchPage = useCallback(
    (forQuery: string, page: number) => {
      const key = `${forQuery}#${page}`;
      if (inFlight.current.has(key)) return;
      inFlight.current.add(key);
      const params = new URLSearchParams(forQuery);
      params.set("snapshot", snapshotId);
      params.set("offset", String(page * PAGE_SIZE));
      params.set("limit", String(PAGE_SIZE));
      fetchJson<FamilyPage>(`/api/families?${params.toString()}`)
        .then((data) => {
          if (current.current !== forQuery) return;
          setError(null);
          setLoaded((prev) => {
            if (prev.query !== forQuery) return fromPage(forQuery, data);
            const pages = new Map(prev.pages);
            pages.set(page, data.rows);
            return { ...prev, matched: data.matched, total: data.total, pages };
          });
        })
        .catch((e: unknown) => {
          if (current.current === forQuery)
            setError(e instanceof Error ? e.message : "the families could not be loaded");
        })
        .finally(() => inFlight.current.delete(key));
    },
    [snapshotId],
  );

  useEffect(() => {
    if (loaded.query !== query) fetchPage(query, 0);
  }, [query, loaded.query, fetchPage]);

  /** Asks for the pages that hold rows `start`..`end` (the grid's rendered window). */
  const requestRows = useCallback(
    (start: number, end: number) => {
      if (loaded.query !== query) return;
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++)
        if (!loaded.pages.has(page) && page * PAGE_SIZE < loaded.matched) fetchPage(query, page);
    },
    [loaded, query, fetchPage],
  );

  const rowAt = useCallback(
    (index: number): FamilyRow | undefined =>
      loaded.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [loaded],
  );

  return {
    /** False while the first page of a new query is on its way (the counts are the old query's). */
    current: loaded.query === query,
    matched: loaded.matched,
    total: loaded.total,
    regions: loaded.regions,
    rowAt,
    requestRows,
    error,
  };
}
