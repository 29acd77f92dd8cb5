import type { ScanProgress } from "@/lib/domain/scan-progress";

function percentOf(p: ScanProgress | null): number {
  if (!p) return 0;
  if (p.phase === "done") return 100;
  if (p.keysTotal > 0)
    return Math.min(
      99,
      Math.round(
        (p.keysRead / p.keysTotal) * 90 + (p.regionsDone / Math.max(1, p.regionsTotal)) * 9,
      ),
    );
  return p.regionsTotal > 0 ? Math.round((p.regionsDone / p.regionsTotal) * 50) : 0;
}

function etaText(ms: number | null): string {
  if (ms === null) return "estimating";
  return ms < 1000 ? "under a second" : `${Math.round(ms / 1000)} s`;
}

export function ScanProgressBar({ progress }: { progress: ScanProgress | null }) {
  const percent = percentOf(progress);
  const phase = progress?.phase ?? "starting";
  return (
    <div className="max-w-xl">
      <div
        role="progressbar"
        aria-label="Scan progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${phase}, ${percent}%`}
        className="h-3 w-full overflow-hidden rounded bg-slate-200 dark:bg-slate-800"
      >
        <div
          className="h-full bg-blue-600 transition-[width] dark:bg-blue-400"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-slate-700 dark:text-slate-300">
        {progress
          ? `${phase} · regions ${progress.regionsDone}/${progress.regionsTotal} · keys ${progress.keysRead}/${progress.keysTotal} · ${progress.calls} calls · ${progress.throttles} throttled · ETA ${etaText(progress.etaMs)}`
          : "starting…"}
      </p>
    </div>
  );
}
