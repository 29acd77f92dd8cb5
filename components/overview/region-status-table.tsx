"use client";

import { useState } from "react";
import type { RegionScan } from "@/lib/domain/snapshot";
import { cn } from "../ui/cn";
import { ColumnHeaders } from "../ui/column-headers";
import { ScrollRegion } from "../ui/scroll-region";
import { ShowAll, TALL_TABLE } from "./show-all";

/** Rows shown before "Show all": an Organization has thousands of account-regions. */
export const REGIONS_SHOWN = 25;

const STATUS_STYLE: Record<RegionScan["status"], string> = {
  ok: "text-green-800 dark:text-green-300",
  partial: "text-amber-800 dark:text-amber-300",
  error: "text-red-800 dark:text-red-300 font-semibold",
  "not-enabled": "text-slate-600 dark:text-slate-400",
};

/**
 * Regions scanned, problems first; regions with no keys and status ok are folded into a count.
 * The first rows show at once, the rest behind "Show all".
 */
export function RegionStatusTable({ regions }: { regions: RegionScan[] }) {
  const [all, setAll] = useState(false);
  const listed = regions
    .filter((r) => r.status !== "ok" || r.keyCount > 0)
    .sort((a, b) =>
      a.status === b.status
        ? a.region.localeCompare(b.region) || a.account.localeCompare(b.account)
        : a.status === "ok"
          ? 1
          : b.status === "ok"
            ? -1
            : a.status.localeCompare(b.status),
    );
  const quiet = regions.length - listed.length;
  const shown = all ? listed : listed.slice(0, REGIONS_SHOWN);
  return (
    <div>
      <ScrollRegion label="Regions scanned, scrollable" className={TALL_TABLE}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Regions scanned and their status</caption>
          <ColumnHeaders
            columns={[
              "Account",
              "Region",
              "Status",
              { label: "Keys", numeric: true },
              { label: "Calls", numeric: true },
              { label: "Throttled", numeric: true },
              "Detail",
            ]}
          />
          <tbody>
            {shown.map((r) => (
              <tr
                key={`${r.account}-${r.region}`}
                className="border-b border-slate-100 dark:border-slate-900"
              >
                <td className="py-1 pr-3 font-mono">{r.account}</td>
                <td className="py-1 pr-3">{r.region}</td>
                <td className={cn("py-1 pr-3", STATUS_STYLE[r.status])}>{r.status}</td>
                <td className="py-1 pr-3 text-right">{r.keyCount}</td>
                <td className="py-1 pr-3 text-right">{r.apiCalls}</td>
                <td className="py-1 pr-3 text-right">{r.throttledCalls}</td>
                <td className="py-1 text-xs">{r.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {quiet > 0 ? (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {quiet} more account-regions scanned ok with no keys.
          </p>
        ) : null}
      </ScrollRegion>
      <ShowAll
        shown={shown.length}
        total={listed.length}
        limit={REGIONS_SHOWN}
        all={all}
        noun="account-regions"
        onToggle={() => setAll(!all)}
      />
    </div>
  );
}
