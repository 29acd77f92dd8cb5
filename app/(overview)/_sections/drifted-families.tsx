import Link from "next/link";
import { getOverviewPart } from "@/lib/server/overview";
import { FamilyLink } from "@/components/ui/family-link";
import { LoadingSection } from "@/components/ui/loading-section";
import { SeverityBadge } from "@/components/ui/severity-badge";

const SHOWN = 15;

async function DriftedFamilies({ snapshotId }: { snapshotId: string }) {
  const { driftedFamilies } = await getOverviewPart(snapshotId);
  if (driftedFamilies.length === 0) return <p className="text-sm">No family has drifted.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {driftedFamilies.slice(0, SHOWN).map((f) => (
        <li key={f.id} className="flex flex-wrap items-center gap-2">
          <SeverityBadge severity={f.worst} />
          <FamilyLink id={f.id}>{f.name}</FamilyLink>
          <span className="text-slate-600 dark:text-slate-400">
            {f.findings} open · {f.regions.join(", ")}
          </span>
        </li>
      ))}
      {driftedFamilies.length > SHOWN ? (
        <li>
          <Link className="underline" href="/families">
            All {driftedFamilies.length} drifted families
          </Link>
        </li>
      ) : null}
    </ul>
  );
}

export function DriftedFamiliesSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="drifted-heading" title="Drifted families" loading="Loading the families">
      <DriftedFamilies snapshotId={snapshotId} />
    </LoadingSection>
  );
}
