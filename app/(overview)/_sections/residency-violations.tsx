import Link from "next/link";
import { getOverviewPart } from "@/lib/server/overview";
import { FamilyLink } from "@/components/ui/family-link";
import { LoadingSection } from "@/components/ui/loading-section";

async function ResidencyViolations({ snapshotId }: { snapshotId: string }) {
  const { residencyViolations } = await getOverviewPart(snapshotId);
  if (residencyViolations.length === 0)
    return <p className="text-sm">No key material outside its allowed regions.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {residencyViolations.map((v) => (
        <li key={v.findingId}>
          <FamilyLink id={v.familyId}>{v.title}</FamilyLink> {v.waived ? "(waived)" : ""}
          <span className="text-slate-600 dark:text-slate-400">
            {" "}
            · {v.actor ? `by ${v.actor}` : "unattributed"}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ResidencyViolationsSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection
      id="residency-heading"
      title="Residency violations"
      loading="Loading the violations"
    >
      <ResidencyViolations snapshotId={snapshotId} />
      <Link className="mt-2 inline-block text-sm underline" href="/residency">
        Residency map
      </Link>
    </LoadingSection>
  );
}
