import type { Severity } from "@/lib/domain/finding";
import { cn } from "./cn";

export const SEVERITY_STYLES: Record<Severity, string> = {
  critical: "bg-red-700 text-white dark:bg-red-500 dark:text-black",
  high: "bg-orange-800 text-white dark:bg-orange-400 dark:text-black",
  medium: "bg-amber-300 text-black dark:bg-amber-300",
  low: "bg-sky-200 text-black dark:bg-sky-300",
  info: "bg-slate-200 text-black dark:bg-slate-600 dark:text-white",
};

export function SeverityBadge({ severity, className }: { severity: Severity; className?: string }) {
  return (
    <span
      className={cn(
        "inline-block rounded px-1.5 py-0.5 text-xs font-semibold uppercase",
        SEVERITY_STYLES[severity],
        className,
      )}
    >
      {severity}
    </span>
  );
}
