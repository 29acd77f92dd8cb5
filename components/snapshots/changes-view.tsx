import type { SnapshotComparison } from "@/lib/server/snapshot-history";
import { FamilyLink } from "../ui/family-link";
import { Section } from "../ui/section";
import { SeverityBadge } from "../ui/severity-badge";

/** New, resolved and changed findings between two snapshots. */
export function ChangesView({ comparison }: { comparison: SnapshotComparison }) {
  const { counts } = comparison;
  return (
    <div>
      <p role="status" className="mb-4 text-sm">
        {counts.new} new · {counts.resolved} resolved · {counts.changed} changed ·{" "}
        {counts.unchanged} unchanged
      </p>
      <Section id="new-heading" title={`New findings (${counts.new})`}>
        <FindingList findings={comparison.new} empty="No new findings." />
      </Section>
      <Section id="resolved-heading" title={`Resolved findings (${counts.resolved})`}>
        <FindingList findings={comparison.resolved} empty="Nothing was resolved." />
      </Section>
      <Section id="changed-heading" title={`Changed findings (${counts.changed})`}>
        {comparison.changed.length === 0 ? (
          <p className="text-sm">No finding changed.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {comparison.changed.map((c) => (
              <li key={c.id}>
                <SeverityBadge severity={c.after.severity} />{" "}
                <FamilyLink id={c.after.familyId}>{c.after.title}</FamilyLink> — changed{" "}
                {c.fields.join(", ")}
                {c.fields.includes("severity") ? ` (was ${c.before.severity})` : ""}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}

function FindingList({ findings, empty }: { findings: SnapshotComparison["new"]; empty: string }) {
  if (findings.length === 0) return <p className="text-sm">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {findings.slice(0, 500).map((f) => (
        <li key={f.id}>
          <SeverityBadge severity={f.severity} /> <FamilyLink id={f.familyId}>{f.title}</FamilyLink>
          <span className="text-slate-600 dark:text-slate-400">
            {" "}
            · {f.property} · {f.region}
            {f.waived ? " · waived" : ""}
          </span>
        </li>
      ))}
      {findings.length > 500 ? <li>{findings.length - 500} more in the exports.</li> : null}
    </ul>
  );
}
