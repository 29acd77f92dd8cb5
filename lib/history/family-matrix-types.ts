import type { FamilyKind } from "../domain/family";
import type { FindingProperty, Severity } from "../domain/finding";

/** A family's state in one region, worst first after the severities. */
export const CELL_STATES = [
  "critical",
  "high",
  "medium",
  "low",
  "info",
  "missing",
  "not-read",
  "unknown",
  "unreadable",
  "waived",
  "in-sync",
  "absent",
] as const;
export type CellState = (typeof CELL_STATES)[number];

export const CELL_LABELS: Record<CellState, string> = {
  critical: "critical drift",
  high: "high drift",
  medium: "medium drift",
  low: "low drift",
  info: "info",
  missing: "missing replica",
  "not-read": "not read: the region could not be read, state unknown",
  unknown: "unknown: not compared",
  unreadable: "unreadable",
  waived: "waived",
  "in-sync": "in sync",
  absent: "not present",
};

export interface FamilyRow {
  id: string;
  kind: FamilyKind;
  account: string;
  name: string;
  referenceRegion: string | null;
  /** One state per region of `FamilyMatrix.regions`, same order. */
  cells: CellState[];
  /** The worst severity of the family's unwaived findings; null when it has none. */
  worst: Severity | null;
  /** Distinct severities of the family's unwaived findings. */
  severities: Severity[];
  properties: FindingProperty[];
  findings: number;
  waived: number;
  /** `key=value`, from the reference (else first readable) member. */
  tags: string[];
  /** Lower-cased id, name, aliases and key ids: what the text search looks in. */
  search: string;
}

export interface FamilyMatrix {
  snapshotId: string;
  regions: string[];
  accounts: string[];
  rows: FamilyRow[];
}

/** One page of a snapshot's families as the filters keep them (GET /api/families). */
export interface FamilyPage {
  snapshotId: string;
  /** The matrix's columns: every row's `cells` follow this order. */
  regions: string[];
  accounts: string[];
  /** Families in the snapshot. */
  total: number;
  /** Families the filters keep. */
  matched: number;
  offset: number;
  rows: FamilyRow[];
}
