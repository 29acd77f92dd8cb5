import { getOverviewPart } from "@/lib/server/overview";
import { RegionStatusTable } from "@/components/overview/region-status-table";
import { LoadingSection } from "@/components/ui/loading-section";

async function RegionsScanned({ snapshotId }: { snapshotId: string }) {
  const { regions } = await getOverviewPart(snapshotId);
  return <RegionStatusTable regions={regions} />;
}

export function RegionsScannedSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="regions-heading" title="Regions scanned" loading="Loading the regions">
      <RegionsScanned snapshotId={snapshotId} />
    </LoadingSection>
  );
}
