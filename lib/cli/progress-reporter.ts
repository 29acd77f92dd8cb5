import type { ScanProgress } from "../scan/types";

function formatEta(ms: number | null): string {
  if (ms === null) return "";
  const s = Math.ceil(ms / 1000);
  if (s >= 3600)
    return ` · eta ${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  return s >= 60
    ? ` · eta ${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`
    : ` · eta ${s}s`;
}

export function describeProgress(e: ScanProgress): string {
  const accounts = e.accountsTotal > 1 ? ` · accounts ${e.accountsDone}/${e.accountsTotal}` : "";
  return `${e.phase}${accounts} · regions ${e.regionsDone}/${e.regionsTotal} · keys ${e.keysRead}/${e.keysTotal} · ${e.calls} calls · ${e.throttles} throttled${formatEta(e.etaMs)}`;
}

/** Which tenth of the way a counter is: plain-line output changes at most ten times per counter. */
function tenth(done: number, total: number): number {
  return total === 0 ? 0 : Math.floor((done / total) * 10);
}

/**
 * Progress on stderr: one redrawn bar on a terminal, plain lines otherwise. Plain lines come when
 * the phase changes and at each tenth of the regions and of the accounts, so a log stays short at
 * hundreds of accounts.
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
        stderr.write(
          `\r\x1b[2K[${"#".repeat(done)}${".".repeat(20 - done)}] ${describeProgress(e)}`,
        );
        drawn = true;
        return;
      }
      const line = `${e.phase} ${tenth(e.regionsDone, e.regionsTotal)} ${tenth(e.accountsDone, e.accountsTotal)}`;
      if (line === lastLine) return;
      lastLine = line;
      stderr.write(`kms-drift: ${describeProgress(e)}\n`);
    },
    finish() {
      if (drawn) stderr.write("\n");
    },
  };
}
