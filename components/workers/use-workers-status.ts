"use client";

import useSWR from "swr";
import { fetchJson, type FetchError } from "../swr/fetcher";
import type { WorkersStatus } from "@/lib/views/workers-status";

/** GET /api/workers, every 2 s: workers come and go while a distributed scan runs. */
export function useWorkersStatus() {
  return useSWR<WorkersStatus, FetchError>("/api/workers", fetchJson, { refreshInterval: 2_000 });
}
