import type { Family } from "../../domain/family";
import type { Finding } from "../../domain/finding";
import type { KeyRecord } from "../../domain/key-record";
import type { Snapshot } from "../../domain/snapshot";

/** The snapshot without its large arrays: what the report shows of the scan itself. */
export type ReportHeader = Omit<Snapshot, "keys" | "families" | "findings" | "events">;

/** A key property the scan could not read. */
export interface ReportKeyError {
  keyId: string;
  region: string;
  error: KeyRecord["errors"][number];
}

/**
 * What the HTML report renders: every finding, the families some finding is about, only the ids of
 * the others, and the key errors. Bounded by findings and families, never by the key documents.
 */
export interface ReportData {
  header: ReportHeader;
  findings: Finding[];
  /** By id, the last family with that id (as the snapshot's order has it). */
  driftedFamilies: Map<string, Family>;
  /** The ids of the families no finding is about, in the snapshot's order. */
  inSyncFamilyIds: string[];
  keyErrors: ReportKeyError[];
}

/** Collects the report's families and key errors one family or key at a time, in snapshot order. */
export class ReportDataBuilder {
  private readonly familyIds: Set<string>;
  readonly data: ReportData;

  constructor(header: ReportHeader, findings: Finding[]) {
    this.familyIds = new Set(findings.map((f) => f.familyId));
    this.data = {
      header,
      findings,
      driftedFamilies: new Map(),
      inSyncFamilyIds: [],
      keyErrors: [],
    };
  }

  addFamily(family: Family): void {
    if (this.familyIds.has(family.id)) this.data.driftedFamilies.set(family.id, family);
    else this.data.inSyncFamilyIds.push(family.id);
  }

  addKey(key: KeyRecord): void {
    for (const error of key.errors)
      this.data.keyErrors.push({ keyId: key.keyId, region: key.region, error });
  }
}

/** The report's data from a whole snapshot. */
export function reportDataOf(snapshot: Snapshot): ReportData {
  const { keys, families, findings, events: _events, ...header } = snapshot;
  const builder = new ReportDataBuilder(header, findings);
  for (const family of families) builder.addFamily(family);
  for (const key of keys) builder.addKey(key);
  return builder.data;
}
