import { Suspense } from "react";
import { getOverviewPart } from "@/lib/server/overview";
import { IncompleteScanNotice } from "@/components/snapshots/incomplete-scan-notice";

async function IncompleteNotice({ snapshotId }: { snapshotId: string }) {
  const { snapshot, regions } = await getOverviewPart(snapshotId);
  if (snapshot?.status !== "incomplete") return null;
  return (
    <div className="mb-6">
      <IncompleteScanNotice failed={snapshot.failedRegions} regionCount={regions.length} />
    </div>
  );
}

/** Which regions the snapshot could not read; nothing while it loads or when it read them all. */
export function IncompleteNoticeSection({ snapshotId }: { snapshotId: string }) {
  return (
    <Suspense fallback={null}>
      <IncompleteNotice snapshotId={snapshotId} />
    </Suspense>
  );
}
