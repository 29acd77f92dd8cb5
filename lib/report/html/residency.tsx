import type { Finding } from "../../domain/finding";
import { FindingDetail } from "./finding-detail";
import { SeverityBadge } from "./severity-badge";
import { TableHead } from "./table-head";

function placedBy(f: Finding): string {
  const first = f.attribution[0];
  if (first) return `${first.eventName} by ${first.actor} at ${first.eventTime}`;
  return f.attributionNote ?? "—";
}

export function ResidencySection({ findings: all }: { findings: Finding[] }) {
  const findings = all.filter((f) => f.property === "residency");
  return (
    <section id="residency">
      <h2>Residency</h2>
      {findings.length === 0 ? (
        <p>No key material outside its allowed regions.</p>
      ) : (
        <table>
          <TableHead columns={["Severity", "Family", "Region", "Finding", "Placed by"]} />
          <tbody>
            {findings.map((f) => (
              <tr key={f.id}>
                <td>
                  <SeverityBadge severity={f.severity} />
                </td>
                <td>{f.familyId}</td>
                <td>{f.region}</td>
                <td>
                  {f.title}
                  <FindingDetail detail={f.detail} />
                </td>
                <td>{placedBy(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
