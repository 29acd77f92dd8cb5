import { SEVERITIES, type Finding, type Severity } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { neutraliseControlChars } from "../report/control-chars";

const rank = (s: Severity) => SEVERITIES.indexOf(s);

function worst(findings: Finding[]): Severity | undefined {
  return findings.reduce<Severity | undefined>(
    (acc, f) => (acc === undefined || rank(f.severity) < rank(acc) ? f.severity : acc),
    undefined,
  );
}

/** Cells hold key descriptions, tags and AWS error text: no control character reaches the terminal. */
function renderGrid(cells: string[][]): string {
  const rows = cells.map((row) => row.map((cell) => neutraliseControlChars(cell)));
  const widths =
    rows[0]?.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, col) => cell.padEnd(widths[col] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * For people: regions scanned, then families × regions with the worst open (unwaived) severity
 * per cell (`ok` = member in sync, `-` = no member there), then the findings, worst first.
 */
export function formatTable(snapshot: Snapshot): string {
  const out: string[] = [];
  out.push(
    renderGrid([
      ["ACCOUNT", "REGION", "STATUS", "KEYS", "CALLS", "THROTTLED", "NOTE"],
      ...snapshot.regions.map((r) => [
        r.account,
        r.region,
        r.status,
        String(r.keyCount),
        String(r.apiCalls),
        String(r.throttledCalls),
        r.error ?? "",
      ]),
    ]),
  );
  const regions = [
    ...new Set(snapshot.families.flatMap((f) => f.members.map((m) => m.region))),
  ].sort();
  const open = snapshot.findings.filter((f) => !f.waived);
  if (snapshot.families.length > 0) {
    const rows = snapshot.families.map((family) => {
      const cells = regions.map((region) => {
        const here = worst(open.filter((f) => f.familyId === family.id && f.region === region));
        if (here !== undefined) return here;
        return family.members.some((m) => m.region === region)
          ? region === family.referenceRegion
            ? "ok*"
            : "ok"
          : "-";
      });
      return [family.id, family.kind, ...cells];
    });
    out.push("", renderGrid([["FAMILY", "KIND", ...regions], ...rows]), "(* = reference region)");
  }
  const sorted = [...snapshot.findings].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      a.familyId.localeCompare(b.familyId) ||
      a.region.localeCompare(b.region),
  );
  out.push("");
  if (sorted.length === 0) out.push("No findings.");
  else {
    out.push(
      renderGrid([
        ["SEVERITY", "FAMILY", "REGION", "PROPERTY", "TITLE"],
        ...sorted.map((f) => [
          f.waived ? `${f.severity} (waived)` : f.severity,
          f.familyId,
          f.region,
          f.property,
          f.title,
        ]),
      ]),
    );
  }
  const s = snapshot.summary;
  out.push(
    "",
    `${s.keys} keys (${s.auditedKeys} audited), ${s.families} families, ${s.driftedFamilies} drifted, ${s.findings} findings (${s.waivedFindings} waived)`,
  );
  return `${out.join("\n")}\n`;
}
