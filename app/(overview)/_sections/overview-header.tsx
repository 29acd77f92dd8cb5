import Link from "next/link";
import type { SnapshotListItem } from "@/lib/history/listing";
import type { ScanStatus } from "@/lib/views/scan-status";
import { ScanNow } from "@/components/scan/scan-now";
import { WorkersPanel } from "@/components/workers/workers-panel";
import { Notice } from "@/components/ui/notice";
import { TimeText } from "@/components/ui/time-text";

/** The page heading, which snapshot it shows, the next scheduled scan and "Scan now". */
export function OverviewHeader({
  latest,
  scan,
}: {
  latest: SnapshotListItem | null;
  scan: ScanStatus;
}) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold">Overview</h1>
        {latest ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            Latest snapshot{" "}
            <Link className="font-mono underline" href={`/snapshots/${latest.id}`}>
              {latest.id}
            </Link>{" "}
            taken <TimeText iso={latest.finishedAt} /> from{" "}
            {latest.source.kind === "sandbox" ? "the sandbox" : "AWS"} · next scheduled:{" "}
            {scan.nextScheduledRun ? (
              <TimeText iso={scan.nextScheduledRun} />
            ) : (
              "none (set KMS_DRIFT_SCHEDULE)"
            )}
          </p>
        ) : null}
      </div>
      <ScanNow initial={scan} />
      <WorkersPanel />
    </div>
  );
}

export function LastScanFailed({ scan }: { scan: ScanStatus }) {
  const failed = scan.lastOutcome?.status === "failed" ? scan.lastOutcome : null;
  if (!failed) return null;
  return (
    <div className="mb-6">
      <Notice title="The last scan failed" tone="error">
        {failed.reason}. Check the credentials (AWS_PROFILE or the default chain), the regions and
        the endpoint, then press Scan now.
      </Notice>
    </div>
  );
}
