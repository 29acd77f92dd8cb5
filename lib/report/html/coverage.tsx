import type { RegionScan } from "../../domain/snapshot";
import type { ReportHeader, ReportKeyError } from "./report-data";
import { TableHead } from "./table-head";

function describeTrail(t: RegionScan["trail"]): string {
  if (!t) return "—";
  if (t.status === "ok" || t.status === "truncated")
    return `${t.status}: ${t.from} → ${t.to}, ${t.events} events${t.status === "truncated" ? ` (${t.reason})` : ""}`;
  return `${t.status}: ${t.reason}`;
}

function UnreadableProperties({ keyErrors }: { keyErrors: ReportKeyError[] }) {
  if (keyErrors.length === 0) return <p>Every key property was read.</p>;
  return (
    <>
      <h3>Unreadable properties ({keyErrors.length})</h3>
      <table>
        <TableHead columns={["Key", "Region", "Property", "Error"]} />
        <tbody>
          {keyErrors.map(({ keyId, region, error }, i) => (
            <tr key={i}>
              <td>{keyId}</td>
              <td>{region}</td>
              <td>{error.property}</td>
              <td>
                {error.code}: {error.message}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function CoverageSection({
  header: s,
  keyErrors,
}: {
  header: ReportHeader;
  keyErrors: ReportKeyError[];
}) {
  return (
    <section id="coverage">
      <h2>Scan coverage and errors</h2>
      <table>
        <TableHead
          columns={[
            "Account",
            "Region",
            "Status",
            "API calls",
            "Throttled",
            "Duration",
            "CloudTrail",
          ]}
        />
        <tbody>
          {s.regions.map((r) => (
            <tr key={`${r.account}/${r.region}`}>
              <td>{r.account}</td>
              <td>{r.region}</td>
              <td className={`status-${r.status}`}>
                {r.status}
                {r.error && (
                  <>
                    <br />
                    {r.error}
                  </>
                )}
              </td>
              <td>{r.apiCalls}</td>
              <td>{r.throttledCalls}</td>
              <td>{(r.durationMs / 1000).toFixed(1)} s</td>
              <td>{describeTrail(r.trail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <UnreadableProperties keyErrors={keyErrors} />
    </section>
  );
}
