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

/** How many queries' pages are kept: back/forward and a filter applied again show at once. */
const KEPT_QUERIES = 8;

function fromPage(query: string, page: FamilyPage): Loaded {
  return {
    query,
    matched: page.matched,
    total: page.total,
    regions: page.regions,
    pages: new Map([[Math.floor(page.offset / PAGE_SIZE), page.rows]]),
  };
}

/** `kept` with `loaded` in it, as the most recent entry, the oldest dropped beyond KEPT_QUERIES. */
function keep(kept: Map<string, Loaded>, loaded: Loaded): Map<string, Loaded> {
  const next = new Map(kept);
  next.delete(loaded.query);
  next.set(loaded.query, loaded);
  for (const oldest of next.keys()) {
    if (next.size <= KEPT_QUERIES) break;
    next.delete(oldest);
  }
  return next;
}

/**
 * The families of one snapshot as the filters in `query` keep them, fetched a page (100 rows) at a
 * time from /api/families as the grid scrolls to them. A new query starts again from its first page
 * and, until it arrives, the previous query's rows and counts stay shown. A snapshot's families never
 * change, so the pages of the last few queries are kept.
 */
export function useFamilyPages(snapshotId: string, query: string, initial: FamilyPage) {
  const [kept, setKept] = useState(() => keep(new Map(), fromPage(query, initial)));
  const [shownQuery, setShownQuery] = useState(query);
  const [error, setError] = useState<string | null>(null);
  const inFlight = useRef(new Set<string>());
  const current = useRef(query);
  const keptNow = useRef(kept);
  useEffect(() => {
    current.current = query;
    keptNow.current = kept;
  }, [query, kept]);

  const ready = kept.get(query);
  if (ready && shownQuery !== query) setShownQuery(query);
  // `kept` always holds the query last shown: it is the most recent entry when it is replaced.
  const loaded = ready ?? kept.get(shownQuery) ?? [...kept.values()][kept.size - 1];

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
          if (current.current === forQuery) setError(null);
          setKept((prev) => {
            const had = prev.get(forQuery);
            if (!had) return keep(prev, fromPage(forQuery, data));
            const pages = new Map(had.pages);
            pages.set(page, data.rows);
            return keep(prev, { ...had, matched: data.matched, total: data.total, pages });
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
    if (!ready) fetchPage(query, 0);
  }, [query, ready, fetchPage]);

  /**
   * Starts fetching the first page of `nextQuery` now, from the event that changes the filters,
   * rather than after the re-render that the new query causes.
   */
  const load = useCallback(
    (nextQuery: string) => {
      if (!keptNow.current.has(nextQuery)) fetchPage(nextQuery, 0);
    },
    [fetchPage],
  );

  /** Asks for the pages that hold rows `start`..`end` (the grid's rendered window). */
  const requestRows = useCallback(
    (start: number, end: number) => {
      if (!ready) return;
      for (let page = Math.floor(start / PAGE_SIZE); page <= Math.floor(end / PAGE_SIZE); page++)
        if (!ready.pages.has(page) && page * PAGE_SIZE < ready.matched) fetchPage(query, page);
    },
    [ready, query, fetchPage],
  );

  const rowAt = useCallback(
    (index: number): FamilyRow | undefined =>
      loaded?.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [loaded],
  );

  return {
    /** False while the first page of a new query is on its way (the counts are the old query's). */
    current: ready !== undefined,
    matched: loaded?.matched ?? 0,
    total: loaded?.total ?? 0,
    regions: loaded?.regions ?? [],
    rowAt,
    requestRows,
    load,
    error,
  };
}
