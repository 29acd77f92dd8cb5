import type { Finding } from "../domain/finding";
import { valueText } from "./value-text";
import type { Snapshot } from "../domain/snapshot";
import { canonicalJson } from "../domain/canonical-json";
import { neutraliseControlChars } from "./control-chars";

/**
 * The findings CSV, one row per finding, columns in this order (the README quotes this list):
 * snapshot_id, finding_id (stable across snapshots), severity, property, family_id, account,
 * region (the region that differs), reference_region, key_id, title, expected and actual (text, or
 * canonical JSON), waived (true/false), waiver_owner, waiver_expires, last_actor and
 * last_event_time (the newest attributed CloudTrail event), remediation (AWS CLI commands, one per
 * line), verdict and witness (policy findings: the comparison's verdict, and the first access-delta
 * entry's witness request as canonical JSON). RFC 4180: CRLF between records, fields quoted when they hold `"`, `,` or LF.
 * Control and bidi characters inside a value (CR included) become visible escapes such as `\x1B`:
 * the CSV goes to terminals as often as to spreadsheets. Tab and LF stay.
 */
export const CSV_COLUMNS = [
  "snapshot_id",
  "finding_id",
  "severity",
  "property",
  "family_id",
  "account",
  "region",
  "reference_region",
  "key_id",
  "title",
  "expected",
  "actual",
  "waived",
  "waiver_owner",
  "waiver_expires",
  "last_actor",
  "last_event_time",
  "remediation",
  "verdict",
  "witness",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

// A cell starting with one of these is read as a formula by spreadsheet applications.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvCell(value: string): string {
  const safe = neutraliseFormula(neutraliseControlChars(value, { keep: "\t\n" }));
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A policy finding's verdict and its first witness request; empty for other findings. */
function policyEvidence(f: Finding): { verdict: string; witness: string } {
  if (f.property !== "policy" || f.detail.rule === "waiver-expired")
    return { verdict: "", witness: "" };
  const first = f.detail.delta[0];
  return {
    verdict: f.detail.verdict,
    witness: first ? canonicalJson({ change: first.change, ...first.witness }) : "",
  };
}

export function findingRow(snapshotId: string, f: Finding): Record<CsvColumn, string> {
  const last = f.attribution[0];
  return {
    snapshot_id: snapshotId,
    finding_id: f.id,
    severity: f.severity,
    property: f.property,
    family_id: f.familyId,
    account: f.account,
    region: f.region,
    reference_region: f.referenceRegion ?? "",
    key_id: f.keyId,
    title: f.title,
    expected: valueText(f.expected, ""),
    actual: valueText(f.actual, ""),
    waived: String(f.waived),
    waiver_owner: f.waiver?.owner ?? "",
    waiver_expires: f.waiver?.expires ?? "",
    last_actor: last?.actor ?? "",
    last_event_time: last?.eventTime ?? "",
    remediation: f.remediation.join("\n"),
    ...policyEvidence(f),
  };
}

function formatLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** The CSV's first line: the column names. */
export const CSV_HEADER_LINE = formatLine(CSV_COLUMNS);

/** One finding's CSV line (CRLF included). */
export function findingCsvLine(snapshotId: string, finding: Finding): string {
  const row = findingRow(snapshotId, finding);
  return formatLine(CSV_COLUMNS.map((column) => row[column]));
}

/** Header first, then one line per finding: feed it to a stream so large snapshots never sit in one string. */
export function* generateCsvLines(snapshot: Snapshot): Generator<string> {
  yield CSV_HEADER_LINE;
  for (const finding of snapshot.findings) yield findingCsvLine(snapshot.id, finding);
}

export function findingsToCsv(snapshot: Snapshot): string {
  return [...generateCsvLines(snapshot)].join("");
}
