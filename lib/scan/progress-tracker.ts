import type { ScanPhase, ScanProgress } from "./types";

/** Counts what the scan did and emits progress events (at most every `intervalMs`, always on phase change). */
export class ProgressTracker {
  phase: ScanPhase = "identity";
  regionsDone = 0;
  regionsTotal = 0;
  keysRead = 0;
  keysTotal = 0;
  calls = 0;
  throttles = 0;
  private readStartedMs: number | null = null;
  private lastEmitMs = 0;

  constructor(
    private readonly emit: ((event: ScanProgress) => void) | undefined,
    private readonly clock: () => number = () => performance.now(),
    private readonly intervalMs = 100,
  ) {}

  setPhase(phase: ScanPhase): void {
    this.phase = phase;
    if (phase === "read") this.readStartedMs = this.clock();
    this.report(true);
  }

  countCall(throttled: boolean): void {
    if (throttled) this.throttles += 1;
    else this.calls += 1;
    this.report(false);
  }

  countKeyRead(): void {
    this.keysRead += 1;
    this.report(false);
  }

  countRegionDone(): void {
    this.regionsDone += 1;
    this.report(true);
  }

  snapshot(): ScanProgress {
    return {
      phase: this.phase,
      regionsDone: this.regionsDone,
      regionsTotal: this.regionsTotal,
      keysRead: this.keysRead,
      keysTotal: this.keysTotal,
      calls: this.calls,
      throttles: this.throttles,
      etaMs: this.estimate(),
    };
  }

  private estimate(): number | null {
    if (this.phase === "done") return 0;
    if (this.phase !== "read" || this.readStartedMs === null || this.keysRead === 0) return null;
    const elapsed = this.clock() - this.readStartedMs;
    return Math.round((elapsed / this.keysRead) * Math.max(0, this.keysTotal - this.keysRead));
  }

  private report(force: boolean): void {
    if (this.emit === undefined) return;
    const now = this.clock();
    if (!force && now - this.lastEmitMs < this.intervalMs) return;
    this.lastEmitMs = now;
    this.emit(this.snapshot());
  }
}
