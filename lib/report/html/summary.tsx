import { SEVERITIES } from "../../domain/finding";
import type { ReportHeader } from "./report-data";
import { failedRegionsOf, snapshotStatus } from "../../domain/snapshot-status";
import { SeverityBadge } from "./severity-badge";
import { TableHead } from "./table-head";

/** The snapshot's status; an incomplete one names its failed regions and what that means. */
function ScanStatus({ snapshot: s }: { snapshot: ReportHeader }) {
  if (snapshotStatus(s.summary) === "complete")
    return <p className="status">Status: complete — every region in the scan was read.</p>;
  const failed = failedRegionsOf(s.regions);
  return (
    <div className="status incomplete">
      <p>
        <strong>Status: incomplete</strong> — {failed.length} of {s.regions.length} regions could
        not be read. Their findings are unknown: nothing there is reported as drifted or as in sync,
        families whose reference region failed could not be compared, and findings of earlier
        snapshots there count as unverified, not resolved.
      </p>
      <ul>
        {failed.map((r) => (
          <li key={`${r.account}/${r.region}`}>
            {r.account}/{r.region}: {r.error}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function SummarySection({ snapshot: s }: { snapshot: ReportHeader }) {
  const sum = s.summary;
  return (
    <section id="summary">
      <h2>Summary</h2>
      <ScanStatus snapshot={s} />
      <div className="counts">
        {SEVERITIES.map((sev) => (
          <div key={sev}>
            <SeverityBadge severity={sev} />
            <strong>{sum.findingsBySeverity[sev] ?? 0}</strong>
          </div>
        ))}
      </div>
      <p>
        {sum.findings} findings ({sum.waivedFindings} waived) across {sum.driftedFamilies} drifted
        of {sum.families} families; {sum.keys} keys read ({sum.auditedKeys} audited) in{" "}
        {s.accounts.length} account(s).
      </p>
      <table>
        <TableHead columns={["Account", "Region", "Status", "Keys", "Note"]} />
        <tbody>
          {s.regions.map((r) => (
            <tr key={`${r.account}/${r.region}`}>
              <td>{r.account}</td>
              <td>{r.region}</td>
              <td className={`status-${r.status}`}>{r.status}</td>
              <td>{r.keyCount}</td>
              <td>{r.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
