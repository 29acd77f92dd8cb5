import { Suspense } from "react";
import { getFamilySameMeaning } from "@/lib/server/family-report";
import { StatementDiffView } from "@/components/family/policy-view";
import { Section } from "@/components/ui/section";

async function SameMeaning({ familyId, snapshotId }: { familyId: string; snapshotId: string }) {
  const members = await getFamilySameMeaning(familyId, snapshotId);
  if (members.length === 0) return null;
  return (
    <Section id="same-meaning-heading" title="Reads differently, allows the same">
      <p className="mb-2 text-sm">
        These key policies differ from the reference&apos;s in their text but allow exactly the same
        requests, so they are not drift.
      </p>
      <ul className="space-y-2 text-sm">
        {members.map((m) => (
          <li key={m.region}>
            <span className="font-medium">{m.region}</span>
            <StatementDiffView statements={m.statements} />
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** Shown only when some member's policy reads differently and allows the same: no placeholder. */
export function SameMeaningSection(props: { familyId: string; snapshotId: string }) {
  return (
    <Suspense fallback={null}>
      <SameMeaning {...props} />
    </Suspense>
  );
}
