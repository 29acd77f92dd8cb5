import type { ScanProgress } from "../scan/types";

function formatEta(ms: number | null): string {
  if (ms === null) return "";
  const s = Math.ceil(ms / 1000);
  return s >= 60
    ? ` · eta ${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
    : ` · eta ${s}s`;
}

function describe(e: ScanProgress): string {
  return `${e.phase} · regions ${e.regionsDone}/${e.regionsTotal} · keys ${e.keysRead}/${e.keysTotal} · ${e.calls} calls · ${e.throttles} throttled${formatEta(e.etaMs)}`;
}

/**
 * Progress on stderr: one redrawn bar on a terminal, plain lines otherwise (only when the phase or
 * the number of finished regions changes, so logs stay short).
 */
export function createProgressReporter(
  stderr: NodeJS.WritableStream,
  isTTY: boolean,
): { report: (e: ScanProgress) => void; finish: () => void } {
  let lastLine = "";
  let drawn = false;
  return {
    report(e) {
      if (isTTY) {
        const total = Math.max(1, e.keysTotal);
        const done = e.phase === "done" ? 20 : Math.min(20, Math.floor((e.keysRead / total) * 20));
        stderr.write(`\r\x1b[2K[${"#".repeat(done)}${".".repeat(20 - done)}] ${describe(e)}`);
        drawn = true;
        return;
      }
      const line = `${e.phase} regions ${e.regionsDone}/${e.regionsTotal}`;
      if (line === lastLine) return;
      lastLine = line;
      stderr.write(`kms-drift: ${describe(e)}\n`);
    },
    finish() {
      if (drawn) stderr.write("\n");
    },
  };
}
