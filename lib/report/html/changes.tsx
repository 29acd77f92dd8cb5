import type { Finding } from "../../domain/finding";
import type { FindingChange, SnapshotComparison } from "../../history/compare";
import { SeverityBadge } from "./severity-badge";
import { shortJson } from "./short-json";

function ChangeList({ title, findings }: { title: string; findings: Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <>
      <h3>
        {title} ({findings.length})
      </h3>
      <ul>
        {findings.map((f) => (
          <li key={f.id}>
            <SeverityBadge severity={f.severity} /> {f.title} — {f.familyId}, {f.region}
          </li>
        ))}
      </ul>
    </>
  );
}

function describeChange(change: FindingChange): string {
  return change.fields
    .map(
      (field) => `${field}: ${shortJson(change.before[field])} → ${shortJson(change.after[field])}`,
    )
    .join("; ");
}

export function ChangesSection({ comparison }: { comparison: SnapshotComparison | null }) {
  if (!comparison || comparison.fromSnapshotId === null) {
    return (
      <section id="changes">
        <h2>Changes since the previous snapshot</h2>
        <p>No previous snapshot to compare with.</p>
      </section>
    );
  }
  const c = comparison.counts;
  // Comparisons stored before the unverified bucket existed have none recorded.
  const unverified = Array.isArray(comparison.unverified) ? comparison.unverified : null;
  return (
    <section id="changes">
      <h2>Changes since the previous snapshot</h2>
      <p>
        Compared with {comparison.fromSnapshotId}: {c.new} new, {c.resolved} resolved, {c.changed}{" "}
        changed, {c.unchanged} unchanged{unverified ? `, ${unverified.length} not checked` : ""}.
      </p>
      <ChangeList title="New" findings={comparison.new} />
      <ChangeList title="Resolved" findings={comparison.resolved} />
      {unverified && unverified.length > 0 && (
        <>
          <ChangeList title="Not checked in the newer snapshot" findings={unverified} />
          <p>
            Gone from the newer snapshot because it could not read what they depend on (their
            region, their reference region or the property): neither fixed nor confirmed.
          </p>
        </>
      )}
      {comparison.changed.length > 0 && (
        <>
          <h3>Changed ({comparison.changed.length})</h3>
          <ul>
            {comparison.changed.map((ch) => (
              <li key={ch.id}>
                {ch.after.title} — {describeChange(ch)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
