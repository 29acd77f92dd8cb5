"use client";

import useSWR from "swr";
import { fetchJson, type FetchError } from "./fetcher";
import type { ScanStatus } from "@/lib/views/scan-status";

/** GET /api/scan, polled every 500 ms while a scan runs (or `fast` is set), every 10 s otherwise. */
export function useScanStatus(fallback?: ScanStatus, fast = false) {
  return useSWR<ScanStatus, FetchError>("/api/scan", fetchJson, {
    fallbackData: fallback,
    refreshInterval: (data) => (fast || data?.running ? 500 : 10_000),
  });
}
