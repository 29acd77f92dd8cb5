"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { postJson } from "../swr/fetcher";
import type { ScanStatus } from "@/lib/views/scan-status";
import { useScanStatus } from "../swr/use-scan-status";
import { ScanProgressBar } from "./scan-progress-bar";

type Run =
  { state: "idle" } | { state: "requested"; previousFinish: string | null } | { state: "finished" };

/** "Scan now" and the live progress of whatever scan is running (this one, the scheduler's or the first). */
export function ScanNow({ initial }: { initial: ScanStatus }) {
  const router = useRouter();
  const [run, setRun] = useState<Run>({ state: "idle" });
  const [error, setError] = useState<string | null>(null);
  const { data, error: statusError } = useScanStatus(initial, run.state === "requested");
  const status = data ?? initial;
  const outcome = status.lastOutcome;
  // Our scan is over once an outcome newer than the one before the click is in and nothing runs.
  const justFinished =
    run.state === "requested" &&
    !status.running &&
    (outcome?.finishedAt ?? null) !== run.previousFinish;

  if (justFinished) setRun({ state: "finished" });
  useEffect(() => {
    if (run.state === "finished") router.refresh();
  }, [run.state, router]);

  async function start() {
    setError(null);
    setRun({ state: "requested", previousFinish: outcome?.finishedAt ?? null });
    try {
      await postJson("/api/scan");
    } catch (e) {
      setRun({ state: "idle" });
      setError(e instanceof Error ? e.message : "could not start a scan");
    }
  }

  const busy = status.running || run.state === "requested";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={start}
          disabled={busy}
          className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed disabled:bg-slate-500"
        >
          {busy ? "Scanning…" : "Scan now"}
        </button>
        {outcome ? (
          <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
            Last scan ({outcome.trigger}){" "}
            {outcome.status === "ok"
              ? `finished: snapshot ${outcome.snapshotId}`
              : `${outcome.status}: ${outcome.reason}`}{" "}
            at {outcome.finishedAt.slice(0, 19).replace("T", " ")} UTC
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not start a scan: {error}
        </p>
      ) : null}
      {statusError ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Could not read the scan status: {statusError.message}
        </p>
      ) : null}
      {busy || run.state === "finished" ? (
        <ScanProgressBar
          progress={
            busy
              ? status.running
                ? status.progress
                : null
              : status.progress && { ...status.progress, phase: "done" }
          }
        />
      ) : null}
    </div>
  );
}
