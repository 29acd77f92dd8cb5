import { Fragment } from "react";
import type { Family } from "../../domain/family";
import type { Finding, Severity } from "../../domain/finding";
import type { ReportData } from "./report-data";
import { FindingDetail } from "./finding-detail";
import { SeverityBadge } from "./severity-badge";
import { shortJson } from "./short-json";
import { TableHead } from "./table-head";

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

function worst(findings: Finding[]): number {
  return Math.min(...findings.map((f) => RANK[f.severity]));
}

function FindingRow({ finding: f }: { finding: Finding }) {
  const last = f.attribution[0];
  return (
    <tr className={f.waived ? "waived" : undefined}>
      <td>
        <SeverityBadge severity={f.severity} />
        {f.waived && (
          <>
            <br />
            waived
          </>
        )}
      </td>
      <td>{f.property}</td>
      <td>{f.region}</td>
      <td>
        <strong>{f.title}</strong>
        <FindingDetail detail={f.detail} />
        <div>
          expected <code>{shortJson(f.expected)}</code>
        </div>
        <div>
          actual <code>{shortJson(f.actual)}</code>
        </div>
      </td>
      <td>
        {last ? (
          <>
            {last.eventName} by {last.actor}
            <br />
            {last.eventTime}
          </>
        ) : (
          (f.attributionNote ?? "—")
        )}
      </td>
      <td>
        {f.remediation.map((cmd, i) => (
          <Fragment key={i}>
            <code>{cmd}</code>
            <br />
          </Fragment>
        ))}
      </td>
    </tr>
  );
}

export function DriftedFamily({
  id,
  family,
  findings,
}: {
  id: string;
  family?: Family;
  findings: Finding[];
}) {
  const reference = family?.referenceRegion ?? findings[0]?.referenceRegion ?? "unknown";
  return (
    <div className="family">
      <h3>{id}</h3>
      <p className="meta">
        {family?.kind ?? "family"} · reference region {reference}
        {family?.flags.length ? ` · ${family.flags.join(", ")}` : ""}
      </p>
      <table>
        <TableHead
          columns={["Severity", "Property", "Region", "What differs", "Last change", "Remediation"]}
        />
        <tbody>
          {[...findings]
            .sort((a, b) => RANK[a.severity] - RANK[b.severity])
            .map((f) => (
              <FindingRow key={f.id} finding={f} />
            ))}
        </tbody>
      </table>
    </div>
  );
}

/** Each family some finding is about, with its findings: worst severity first, then by id. */
export function driftedGroups(findings: Finding[]): [string, Finding[]][] {
  const byFamily = new Map<string, Finding[]>();
  for (const f of findings) {
    const same = byFamily.get(f.familyId);
    if (same) same.push(f);
    else byFamily.set(f.familyId, [f]);
  }
  return [...byFamily.entries()].sort(
    (a, b) => worst(a[1]) - worst(b[1]) || a[0].localeCompare(b[0]),
  );
}

/**
 * `drifted` stands in for the drifted families' markup when given: a report written a piece at a
 * time renders each family on its own there (lib/report/html-report.tsx).
 */
export function FamiliesSection({ data, drifted: slot }: { data: ReportData; drifted?: string }) {
  const families = data.driftedFamilies;
  const drifted = driftedGroups(data.findings);
  const inSync = data.inSyncFamilyIds;
  return (
    <section id="drift">
      <h2>Drift per family</h2>
      {drifted.length === 0 && <p>No drift found.</p>}
      {slot ??
        drifted.map(([id, findings]) => (
          <DriftedFamily key={id} id={id} family={families.get(id)} findings={findings} />
        ))}
      {inSync.length > 0 && (
        <>
          <h3>In sync ({inSync.length})</h3>
          <p>{inSync.join(", ")}</p>
        </>
      )}
    </section>
  );
}
