import { getFamilyDrReadiness } from "@/lib/server/family-report";
import { LoadingSection } from "@/components/ui/loading-section";

interface DrReadinessProps {
  familyId: string;
  snapshotId: string;
  /** False when the family had no reference region: readiness is unknown. */
  compared: boolean;
}

async function DrReadiness({ familyId, snapshotId, compared }: DrReadinessProps) {
  const { drGaps, drUnused } = await getFamilyDrReadiness(familyId, snapshotId);
  return (
    <>
      {drUnused.length > 0 ? (
        <ul className="mb-2 list-disc pl-5 text-sm">
          {drUnused.map((u) => (
            <li key={u.region}>
              In {u.region}: never used in this region (no cryptographic use recorded since{" "}
              {u.trackingStartDate.slice(0, 10)}
              {u.createdBeforeTracking
                ? "; the key predates usage tracking, so older CloudTrail logs may show earlier use"
                : ""}
              ).
            </li>
          ))}
        </ul>
      ) : null}
      {!compared ? (
        <p className="text-sm">Unknown: the family has no reference region to compare with.</p>
      ) : drGaps.length === 0 ? (
        <p className="text-sm">
          Ready: every principal that can use the key in the reference region can use it in every
          other region.
        </p>
      ) : (
        <ul className="list-disc pl-5 text-sm">
          {drGaps.map((g, i) => (
            <li key={`${g.region}-${g.principal}-${i}`}>{g.sentence}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function DrReadinessSection(props: DrReadinessProps) {
  return (
    <LoadingSection id="dr-heading" title="DR readiness" loading="Deciding DR readiness">
      <DrReadiness {...props} />
    </LoadingSection>
  );
}
