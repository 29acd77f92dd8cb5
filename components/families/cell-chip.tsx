import { cn } from "../ui/cn";
import { SEVERITY_STYLES } from "../ui/severity-badge";
import { CELL_LABELS, type CellState } from "@/lib/views/family-matrix-types";

const CELL_STYLES: Record<CellState, string> = {
  ...SEVERITY_STYLES,
  missing: "border border-dashed border-red-700 text-red-800 dark:border-red-400 dark:text-red-300",
  "not-read":
    "border border-dashed border-slate-600 text-slate-800 dark:border-slate-300 dark:text-slate-200",
  unknown: "bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100",
  unreadable: "bg-purple-200 text-purple-950 dark:bg-purple-300",
  waived: "bg-slate-100 text-slate-800 line-through dark:bg-slate-800 dark:text-slate-200",
  "in-sync": "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100",
  absent: "text-slate-500 dark:text-slate-400",
};

const SHORT: Record<CellState, string> = {
  critical: "critical",
  high: "high",
  medium: "medium",
  low: "low",
  info: "info",
  missing: "missing",
  "not-read": "not read",
  unknown: "unknown",
  unreadable: "unread",
  waived: "waived",
  "in-sync": "in sync",
  absent: "—",
};

export function CellChip({
  state,
  mark,
}: {
  state: CellState;
  mark: "primary" | "reference" | null;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium",
        CELL_STYLES[state],
      )}
    >
      {mark ? <span aria-hidden="true">{mark === "primary" ? "★" : "◆"}</span> : null}
      <span aria-hidden="true">{SHORT[state]}</span>
      <span className="sr-only">
        {CELL_LABELS[state]}
        {mark ? `, ${mark}` : ""}
      </span>
    </span>
  );
}
