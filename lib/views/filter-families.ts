import { SEVERITIES, type Severity } from "../domain/finding";
import type { FamilyFilters } from "./family-filters";
import type { FamilyRow } from "./family-matrix-types";

const SEVERITY_RANK: Record<Severity, number> = Object.fromEntries(
  SEVERITIES.map((s, i) => [s, i]),
) as Record<Severity, number>;

function severityRank(row: FamilyRow): number {
  return row.worst === null ? SEVERITIES.length : SEVERITY_RANK[row.worst];
}

function matchesRow(
  row: FamilyRow,
  f: FamilyFilters,
  regionIndexes: number[],
  query: string,
): boolean {
  if (f.kind.length > 0 && !f.kind.includes(row.kind)) return false;
  if (f.account.length > 0 && !f.account.includes(row.account)) return false;
  if (f.severity.length > 0 && !f.severity.some((s) => row.severities.includes(s))) return false;
  if (f.property.length > 0 && !f.property.some((p) => row.properties.includes(p))) return false;
  if (f.tag.length > 0 && !f.tag.some((t) => row.tags.includes(t))) return false;
  if (f.waived === "yes" && row.waived === 0) return false;
  if (f.waived === "no" && row.waived > 0) return false;
  if (
    regionIndexes.length > 0 &&
    !regionIndexes.some((i) => row.cells[i] !== undefined && row.cells[i] !== "absent")
  )
    return false;
  if (query && !row.search.includes(query)) return false;
  return true;
}

/** Code-point order: what the store's SQL sorts by (`collate "C"`), the same on every database. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRows(a: FamilyRow, b: FamilyRow, f: FamilyFilters): number {
  let order = 0;
  if (f.sort === "severity") order = severityRank(a) - severityRank(b) || b.findings - a.findings;
  else if (f.sort === "findings") order = b.findings - a.findings;
  else if (f.sort === "account") order = byCodePoint(a.account, b.account);
  if (order === 0) order = byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id);
  return f.dir === "desc" ? -order : order;
}

/**
 * The families matrix as filtered and sorted by the URL: the reference semantics of the store's SQL
 * (lib/store/family-queries.ts pages in SQL; its tests compare every filter and sort with this). Severity filters match the region cells (an
 * unwaived finding of that severity somewhere); a region filter keeps families present in that region.
 */
export function filterFamilies(
  rows: FamilyRow[],
  regions: string[],
  filters: FamilyFilters,
): FamilyRow[] {
  const regionIndexes = filters.region.map((r) => regions.indexOf(r)).filter((i) => i >= 0);
  if (filters.region.length > 0 && regionIndexes.length === 0) return [];
  const query = filters.q.trim().toLowerCase();
  return rows
    .filter((row) => matchesRow(row, filters, regionIndexes, query))
    .sort((a, b) => compareRows(a, b, filters));
}
