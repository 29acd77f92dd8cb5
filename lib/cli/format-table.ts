import { SEVERITIES, type Finding, type Severity } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { failedRegionsOf, snapshotStatus } from "../domain/snapshot-status";
import { familyReadGaps } from "../drift/family-read-gaps";
import { coverageFromRegions } from "../drift/region-coverage";
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

/** The first line: complete, or which regions failed and what that means. */
function statusLine(snapshot: Snapshot): string {
  if (snapshotStatus(snapshot.summary) === "complete")
    return "STATUS: complete (every region in the scan was read)";
  const failed = failedRegionsOf(snapshot.regions);
  return (
    `STATUS: incomplete: ${failed.length} of ${snapshot.regions.length} regions could not be read ` +
    `and their findings are unknown (${failed.map((r) => `${r.account}/${r.region}`).join(", ")})`
  );
}

/**
 * For people: the status, regions scanned, then families × regions with the worst open (unwaived)
 * severity per cell (`ok` = member in sync, `-` = no member there, `not read` = the region was not
 * read, `unknown` = not compared), then the findings, worst first.
 */
export function formatTable(snapshot: Snapshot): string {
  const out: string[] = [neutraliseControlChars(statusLine(snapshot)), ""];
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
  const coverage = coverageFromRegions(snapshot.regions, snapshot.keys);
  const regions = [
    ...new Set([
      ...snapshot.families.flatMap((f) => f.members.map((m) => m.region)),
      ...failedRegionsOf(snapshot.regions).map((r) => r.region),
    ]),
  ].sort();
  const open = snapshot.findings.filter((f) => !f.waived);
  if (snapshot.families.length > 0) {
    const rows = snapshot.families.map((family) => {
      const gaps = familyReadGaps(family, coverage);
      const cells = regions.map((region) => {
        // An unread region holds no finding but "could not compare": it is not read, not medium.
        if (gaps.unread.some((u) => u.region === region)) return "not read";
        const here = worst(open.filter((f) => f.familyId === family.id && f.region === region));
        if (here !== undefined) return here;
        if (!family.members.some((m) => m.region === region)) return "-";
        if (!gaps.compared) return "unknown";
        return region === family.referenceRegion ? "ok*" : "ok";
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
