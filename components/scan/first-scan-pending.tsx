"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useScanStatus } from "../swr/use-scan-status";

/** Shown until the first snapshot exists; refreshes the page when the scan ends. */
export function FirstScanPending() {
  const router = useRouter();
  const { data, error } = useScanStatus(undefined, true);
  const finished = data?.lastOutcome?.status === "ok";
  useEffect(() => {
    if (finished) router.refresh();
  }, [finished, router]);

  if (error) return <p role="alert">Could not read the scan status: {error.message}</p>;
  if (data?.lastOutcome?.status === "failed") {
    return (
      <p role="alert">
        The first scan failed: {data.lastOutcome.reason}. Check credentials and regions, then
        reload.
      </p>
    );
  }
  const progress = data?.progress;
  return (
    <p role="status" className="text-slate-600 dark:text-slate-300">
      Taking the first snapshot…
      {progress
        ? ` ${progress.regionsDone}/${progress.regionsTotal} regions, ${progress.keysRead} keys read.`
        : ""}
    </p>
  );
}
