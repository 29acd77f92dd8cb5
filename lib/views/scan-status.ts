import type { ScanPhase, ScanProgress } from "../domain/scan-progress";
import type { RunOutcome, RunTrigger } from "../history/runs";

/** GET /api/scan: whether a scan is running, its progress, the last outcome and the next scheduled run. */
export interface ScanStatus {
  running: boolean;
  startedAt: string | null;
  progress: ScanProgress | null;
  lastOutcome: (RunOutcome & { trigger: RunTrigger; finishedAt: string }) | null;
  nextScheduledRun: string | null;
}

const PHASE_LABELS: Record<ScanPhase, string> = {
  identity: "checking credentials",
  discover: "discovering accounts",
  list: "listing keys",
  read: "reading keys",
  trail: "reading CloudTrail",
  detect: "comparing families",
  done: "done",
};

/** What the dashboard's progress bar shows of a running scan. */
export interface ScanProgressView {
  /** 0–100; 100 only when done. */
  percent: number;
  /** The progress bar's accessible value (`read, 42%`). */
  valueText: string;
  /** One line: the phase, then accounts, regions and keys done of their totals, calls, the ETA. */
  line: string;
  eta: string;
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * The read phase's time left in words: "about 40 s left", "about 4 min left", "about 1 h 20 min
 * left". Rounded as a person would say it: the estimate moves with the scan's pace.
 */
export function formatEta(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 1) return "less than a second left";
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `about ${hours} h left` : `about ${hours} h ${rest} min left`;
}

/**
 * The ETA covers the key reads: before and during them, with no estimate yet, it is being
 * estimated; after them (CloudTrail, comparison) the scan is finishing.
 */
function etaOf(p: ScanProgress): string {
  if (p.phase === "done") return "done";
  if (p.etaMs !== null) return formatEta(p.etaMs);
  return p.phase === "trail" || p.phase === "detect" ? "finishing…" : "estimating…";
}

/** Keys weigh 90% (the long part), regions 9%; before the key reads are planned, regions 50%. */
function percentOf(p: ScanProgress): number {
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

/** The progress of a running scan (null: started, nothing reported yet) as the bar shows it. */
export function describeScanProgress(p: ScanProgress | null): ScanProgressView {
  if (p === null)
    return { percent: 0, valueText: "starting, 0%", line: "starting…", eta: "estimating…" };
  const percent = percentOf(p);
  const eta = etaOf(p);
  const parts = [
    PHASE_LABELS[p.phase],
    ...(p.accountsTotal > 0 ? [`accounts ${count(p.accountsDone)}/${count(p.accountsTotal)}`] : []),
    `regions ${count(p.regionsDone)}/${count(p.regionsTotal)}`,
    `keys ${count(p.keysRead)}/${count(p.keysTotal)}`,
    `${count(p.calls)} ${p.calls === 1 ? "call" : "calls"}`,
    `${count(p.throttles)} throttled`,
    eta,
  ];
  return { percent, valueText: `${p.phase}, ${percent}%`, line: parts.join(" · "), eta };
}
