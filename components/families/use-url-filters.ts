"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  type FamilyFilters,
  filtersToQuery,
  safeParseFamilyFilters,
} from "@/lib/views/family-filters";
import { DeferredHistory } from "./deferred-history";

interface Shown {
  filters: FamilyFilters;
  problem: string | null;
  /** The URL query this state last took into account (as useSearchParams gave it). */
  url: string;
  /** Queries given to `setFilters` that useSearchParams has not shown yet (written or queued). */
  pending: string[];
}

function fromUrl(url: string): Shown {
  return { ...safeParseFamilyFilters(new URLSearchParams(url)), url, pending: [] };
}

/**
 * The longest a filter change waits for its rows before its URL is written anyway (the request
 * failed or is slow): the address bar, reload and Back stay behind the page for no longer.
 */
const MAX_URL_WRITE_DELAY_MS = 500;

/**
 * The families filters, held by the URL. A change is rendered at once from this component's state;
 * its URL is written with the History API once the rows of the shown filters are painted
 * (`writeAfterPaint`), or after MAX_URL_WRITE_DELAY_MS. Next.js turns the write into a router
 * transition that brings useSearchParams up to date later: done in the click's task, it competed
 * with the filter's request and render. A URL change this hook did not write (back/forward)
 * replaces the state; a back/forward before the queued writes were made drops them.
 */
export function useUrlFilters() {
  const url = useSearchParams().toString();
  const [shown, setShown] = useState<Shown>(() => fromUrl(url));
  const writes = useRef<DeferredHistory | null>(null);
  const deadline = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
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

  const cancelDeadline = useCallback(() => {
    clearTimeout(deadline.current);
    deadline.current = undefined;
  }, []);
  const flush = useCallback(() => {
    cancelDeadline();
    writes.current?.flush();
  }, [cancelDeadline]);

  const setFilters = useCallback(
    (next: FamilyFilters, mode: "push" | "replace" = "push") => {
      const query = filtersToQuery(next);
      setShown((s) => ({
        filters: next,
        problem: null,
        url: s.url,
        pending: [...s.pending, query],
      }));
      writes.current ??= new DeferredHistory(window.history);
      writes.current.add({ href: `${window.location.pathname}${query ? `?${query}` : ""}`, mode });
      deadline.current ??= setTimeout(flush, MAX_URL_WRITE_DELAY_MS);
    },
    [flush],
  );

  /**
   * Makes the queued writes after the next paint; returns what cancels that. The families view calls
   * it from an effect of the commit that shows the rows of the current filters.
   */
  const writeAfterPaint = useCallback(() => {
    if (!writes.current?.pending.length) return undefined;
    // The frame after this commit paints the rows; a task queued from its animation frame runs after that paint.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(flush, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [flush]);

  useEffect(() => {
    // Back/forward before the queued writes were made: the browser left the entry they belong
    // after, so they are dropped, and the state goes back to the URL until Next.js shows the new one.
    const onPopState = () => {
      cancelDeadline();
      if (writes.current?.drop()) setShown((s) => fromUrl(s.url));
    };
    window.addEventListener("popstate", onPopState);
    return () => {
      window.removeEventListener("popstate", onPopState);
      // Leaving the page (a family opened): Next.js writes that navigation's entry itself.
      cancelDeadline();
      writes.current?.drop();
    };
  }, [cancelDeadline]);

  return { filters: shown.filters, problem: shown.problem, setFilters, writeAfterPaint };
}
