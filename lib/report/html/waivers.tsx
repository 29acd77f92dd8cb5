import type { Finding } from "../../domain/finding";
import { collectWaivers } from "../waivers";
import { TableHead } from "./table-head";

export function WaiversSection({ findings, at }: { findings: Finding[]; at: Date }) {
  const inForce = collectWaivers({ findings }, at);
  const lapsed = findings.filter((f) => f.waiver && !f.waived);
  return (
    <section id="waivers">
      <h2>Waivers</h2>
      {inForce.length === 0 ? (
        <p>No waivers in force.</p>
      ) : (
        <table>
          <TableHead columns={["Match", "Reason", "Owner", "Expires", "Findings"]} />
          <tbody>
            {inForce.map((w) => (
              <tr key={[w.match, w.owner, w.expires, w.reason].join("\u0000")}>
                <td>
                  <code>{w.match}</code>
                </td>
                <td>{w.reason}</td>
                <td>{w.owner}</td>
                <td>{w.expires}</td>
                <td>{w.findingIds.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {lapsed.length > 0 && (
        <p>{lapsed.length} finding(s) carry a waiver that no longer applies.</p>
      )}
    </section>
  );
}
