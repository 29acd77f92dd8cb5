import { loadOverviewSnapshot } from "@/lib/server/overview";
import { OpenFindingsList } from "@/components/overview/open-findings-list";
import { LoadingSection } from "@/components/ui/loading-section";

async function OpenFindings({ snapshotId }: { snapshotId: string }) {
  const snapshot = await loadOverviewSnapshot(snapshotId);
  return <OpenFindingsList findings={snapshot?.findings ?? []} />;
}

export function OpenFindingsSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="open-findings-heading" title="Open findings" loading="Loading the findings">
      <OpenFindings snapshotId={snapshotId} />
    </LoadingSection>
  );
}
