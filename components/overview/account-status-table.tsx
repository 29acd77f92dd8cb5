"use client";

import { useState } from "react";
import type { AccountScanStatus } from "@/lib/domain/account-scan";
import {
  ACCOUNT_STATUS_ORDER,
  describeAccountCounts,
  selectAccountItems,
  type AccountItem,
  type AccountsView,
} from "@/lib/views/accounts";
import { cn } from "../ui/cn";
import { ColumnHeaders } from "../ui/column-headers";
import { ScrollRegion } from "../ui/scroll-region";
import { ShowAll, TALL_TABLE } from "./show-all";

/** Rows shown before "Show all": the problems of a large Organization fit, the page stays short. */
export const ACCOUNTS_SHOWN = 25;

const STATUS_STYLE: Record<AccountScanStatus, string> = {
  ok: "text-green-800 dark:text-green-300",
  partial: "text-amber-800 dark:text-amber-300",
  error: "text-red-800 dark:text-red-300 font-semibold",
  skipped: "text-slate-600 dark:text-slate-400",
};

const pressedStyle = (pressed: boolean) =>
  cn(
    "rounded border px-2 py-0.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-600",
    pressed
      ? "border-blue-700 bg-blue-700 text-white dark:border-blue-300 dark:bg-blue-300 dark:text-slate-950"
      : "border-slate-300 dark:border-slate-700",
  );

function AccountRow({ item }: { item: AccountItem }) {
  const scanned = item.status !== "skipped";
  return (
    <tr className="border-b border-slate-100 align-top dark:border-slate-900">
      <td className={cn("py-1 pr-3", STATUS_STYLE[item.status])}>{item.status}</td>
      <td className="py-1 pr-3 font-mono">{item.account}</td>
      <td className="py-1 pr-3">{item.name ?? ""}</td>
      <td className="py-1 pr-3">{item.ou ?? ""}</td>
      <td className="py-1 pr-3 text-right">{scanned ? item.regions.read : "—"}</td>
      <td className="py-1 pr-3 text-right">{scanned ? item.regions.failed : "—"}</td>
      <td className="py-1 pr-3 text-right">{scanned ? item.keys : "—"}</td>
      <td className="py-1 text-xs break-words">{item.reason ?? ""}</td>
    </tr>
  );
}

/**
 * Every account of the snapshot with its status: counts per status (each a filter), the accounts
 * that are not `ok` first, the first rows at once and the rest behind "Show all".
 */
export function AccountStatusTable({ view }: { view: AccountsView }) {
  const [status, setStatus] = useState<AccountScanStatus | null>(null);
  const [all, setAll] = useState(false);
  const { shown, matching } = selectAccountItems(view, status, all ? null : ACCOUNTS_SHOWN);
  const statuses = ACCOUNT_STATUS_ORDER.filter((s) => view.counts[s] > 0);
  return (
    <div className="space-y-2 text-sm">
      {view.organization ? (
        <p>
          Organization <span className="font-mono">{view.organization.id}</span>, management account{" "}
          <span className="font-mono">{view.organization.managementAccount}</span>, each account
          read through the role <span className="font-mono">{view.organization.roleName}</span>.
        </p>
      ) : null}
      {view.recorded ? null : (
        <p className="text-slate-700 dark:text-slate-300">
          This snapshot was stored before kms-drift recorded each account&apos;s status: the
          statuses below come from its regions, and accounts it left out are not known.
        </p>
      )}
      <p>
        {view.total} {view.total === 1 ? "account" : "accounts"}:{" "}
        {describeAccountCounts(view.counts)}.
      </p>
      {statuses.length > 1 ? (
        <div role="group" aria-label="Show accounts by status" className="flex flex-wrap gap-2">
          <button
            type="button"
            aria-pressed={status === null}
            className={pressedStyle(status === null)}
            onClick={() => setStatus(null)}
          >
            All {view.total}
          </button>
          {statuses.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={status === s}
              className={pressedStyle(status === s)}
              onClick={() => setStatus(s)}
            >
              {s} {view.counts[s]}
            </button>
          ))}
        </div>
      ) : null}
      <ScrollRegion label="Accounts, scrollable" className={TALL_TABLE}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">
            Accounts of the snapshot and their status, accounts that are not ok first
          </caption>
          <ColumnHeaders
            columns={[
              "Status",
              "Account",
              "Name",
              "OU",
              { label: "Regions read", numeric: true },
              { label: "Regions failed", numeric: true },
              { label: "Keys", numeric: true },
              "Reason",
            ]}
          />
          <tbody>
            {shown.map((item) => (
              <AccountRow key={item.account} item={item} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <ShowAll
        shown={shown.length}
        total={matching}
        limit={ACCOUNTS_SHOWN}
        all={all}
        noun="accounts"
        onToggle={() => setAll(!all)}
      />
    </div>
  );
}
