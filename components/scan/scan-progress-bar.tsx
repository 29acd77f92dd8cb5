import type { ScanProgress } from "@/lib/domain/scan-progress";
import { describeScanProgress } from "@/lib/views/scan-status";

export function ScanProgressBar({ progress }: { progress: ScanProgress | null }) {
  const { percent, valueText, line } = describeScanProgress(progress);
  return (
    <div className="max-w-xl">
      <div
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
        className="h-3 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div
          className="h-full bg-blue-600 transition-[width] dark:bg-blue-400"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-slate-700 dark:text-slate-300">
        {line}
      </p>
    </div>
  );
}
