"use client";

import useSWR from "swr";
import { fetchJson, type FetchError } from "./fetcher";
import type { ScanStatusView } from "./scan-status-types";

/** GET /api/scan, polled every 500 ms while a scan runs (or `fast` is set), every 10 s otherwise. */
export function useScanStatus(fallback?: ScanStatusView, fast = false) {
  return useSWR<ScanStatusView, FetchError>("/api/scan", fetchJson, {
    fallbackData: fallback,
    refreshInterval: (data) => (fast || data?.running ? 500 : 10_000),
  });
}
