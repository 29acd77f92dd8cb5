import type { SnapshotComparison } from "@/lib/history/compare";
import { FamilyLink } from "../ui/family-link";
import { Section } from "../ui/section";
import { SeverityBadge } from "../ui/severity-badge";

/** New, resolved, changed and unverified findings between two snapshots. */
export function ChangesView({ comparison }: { comparison: SnapshotComparison }) {
  const { counts } = comparison;
  // Comparisons stored before the unverified bucket existed have none recorded.
  const unverified = Array.isArray(comparison.unverified) ? comparison.unverified : null;
  return (
    <div>
      <p role="status" className="mb-4 text-sm">
        {counts.new} new · {counts.resolved} resolved · {counts.changed} changed ·{" "}
        {counts.unchanged} unchanged
        {unverified ? ` · ${unverified.length} not checked` : ""}
      </p>
      <Section id="new-heading" title={`New findings (${counts.new})`}>
        <FindingList findings={comparison.new} empty="No new findings." />
      </Section>
      <Section id="resolved-heading" title={`Resolved findings (${counts.resolved})`}>
        <FindingList findings={comparison.resolved} empty="Nothing was resolved." />
      </Section>
      {unverified ? (
        <Section
          id="unverified-heading"
          title={`Not checked in the newer snapshot (${unverified.length})`}
        >
          <p className="mb-2 text-sm text-slate-700 dark:text-slate-300">
            Gone from the newer snapshot because it could not read what they depend on (their
            region, their reference region or the property): neither fixed nor confirmed.
          </p>
          <FindingList findings={unverified} empty="Every earlier finding could be checked." />
        </Section>
      ) : null}
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
