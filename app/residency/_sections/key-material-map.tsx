import { getResidencyPart } from "@/lib/server/residency";
import { WorldMap } from "@/components/residency/world-map";
import { LoadingSection } from "@/components/ui/loading-section";

async function KeyMaterialMap({ snapshotId }: { snapshotId: string }) {
  const { regions } = await getResidencyPart(snapshotId);
  return <WorldMap regions={regions} />;
}

export function KeyMaterialMapSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection
      id="map-heading"
      title="Key material by region"
      loading="Loading the map"
      rows={8}
    >
      <KeyMaterialMap snapshotId={snapshotId} />
    </LoadingSection>
  );
}
