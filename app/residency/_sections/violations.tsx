import { getResidencyPart } from "@/lib/server/residency";
import type { ResidencyViolation } from "@/lib/views/residency";
import { FamilyLink } from "@/components/ui/family-link";
import { LoadingSection } from "@/components/ui/loading-section";
import { TimeText } from "@/components/ui/time-text";

function Evidence({ violation: v }: { violation: ResidencyViolation }) {
  if (v.evidence.length === 0)
    return (
      <p>
        Evidence: unattributed
        {v.attributionNote
          ? ` (${v.attributionNote})`
          : " (no ReplicateKey event in the CloudTrail window)"}
      </p>
    );
  return (
    <ul className="list-disc pl-5">
      {v.evidence.map((e) => (
        <li key={e.eventId}>
          {e.eventName} by <span className="font-mono">{e.actor}</span> in {e.region} at{" "}
          <TimeText iso={e.eventTime} />
        </li>
      ))}
    </ul>
  );
}

async function Violations({ snapshotId }: { snapshotId: string }) {
  const { violations } = await getResidencyPart(snapshotId);
  if (violations.length === 0)
    return <p className="text-sm">No key material outside its allowed regions.</p>;
  return (
    <ul className="space-y-3 text-sm">
      {violations.map((v) => (
        <li key={v.findingId} className="rounded border border-red-200 p-3 dark:border-red-900">
          <FamilyLink id={v.familyId}>{v.title}</FamilyLink> {v.waived ? "(waived)" : ""}
          <p>
            Rule {v.rule ?? "unknown"} allows {v.allowedRegions.join(", ") || "—"}; found in{" "}
            {v.region}.
          </p>
          <Evidence violation={v} />
        </li>
      ))}
    </ul>
  );
}

export function ViolationsSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="violations-heading" title="Violations" loading="Loading the violations">
      <Violations snapshotId={snapshotId} />
    </LoadingSection>
  );
}
