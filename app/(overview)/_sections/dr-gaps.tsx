import { getOverviewPart } from "@/lib/server/overview";
import { FamilyLink } from "@/components/ui/family-link";
import { LoadingSection } from "@/components/ui/loading-section";

const SHOWN = 20;

async function DrGaps({ snapshotId }: { snapshotId: string }) {
  const { drGaps } = await getOverviewPart(snapshotId);
  if (drGaps.length === 0)
    return (
      <p className="text-sm">
        Every principal that can use a key in its reference region can use it in every replica.
      </p>
    );
  return (
    <ul className="space-y-1 text-sm">
      {drGaps.slice(0, SHOWN).map((g, i) => (
        <li key={`${g.familyId}-${g.region}-${g.principal}-${i}`}>
          <FamilyLink id={g.familyId} />: {g.sentence}
        </li>
      ))}
    </ul>
  );
}

export function DrGapsSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="dr-heading" title="DR-readiness gaps" loading="Loading the DR gaps">
      <DrGaps snapshotId={snapshotId} />
    </LoadingSection>
  );
}
