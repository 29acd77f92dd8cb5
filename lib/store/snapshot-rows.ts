import type { Snapshot } from "../domain/snapshot";

/**
 * The arrays of a snapshot that the store keeps as rows, one table each. `snapshots.doc` keeps the
 * rest (the header), with each of these replaced by its length: the reader puts the rows back in
 * and checks that none is missing. An array absent from the document (`accountScans` of a snapshot
 * stored before it existed) stays absent.
 */
export const ROW_ARRAYS = {
  keys: "snapshot_keys",
  families: "snapshot_families",
  findings: "findings",
  events: "snapshot_events",
  regions: "snapshot_regions",
  accountScans: "snapshot_accounts",
} as const;
export type RowArray = keyof typeof ROW_ARRAYS;
export const ROW_ARRAY_NAMES = Object.keys(ROW_ARRAYS) as RowArray[];

function elementsOf(snapshot: Snapshot, name: RowArray): readonly unknown[] | undefined {
  return snapshot[name];
}

/** Everything but the row arrays; each of those present becomes its length. */
export function headerOf(snapshot: Snapshot): Record<string, unknown> {
  const header: Record<string, unknown> = { ...snapshot };
  for (const name of ROW_ARRAY_NAMES) {
    const elements = elementsOf(snapshot, name);
    if (elements === undefined) delete header[name];
    else header[name] = elements.length;
  }
  return header;
}

/**
 * The stored header with its arrays put back, or a one-line reason why it cannot be: an array's
 * row count differs from the length the header recorded.
 */
export function assembleSnapshotDoc(
  header: unknown,
  rows: Partial<Record<RowArray, unknown[]>>,
): { doc: unknown } | { problem: string } {
  if (header === null || typeof header !== "object" || Array.isArray(header))
    return { doc: header };
  const doc: Record<string, unknown> = { ...header };
  for (const name of ROW_ARRAY_NAMES) {
    const expected = doc[name];
    if (typeof expected !== "number") continue;
    const found = rows[name] ?? [];
    if (found.length !== expected)
      return { problem: `${name}: ${found.length} rows stored, the header records ${expected}` };
    doc[name] = found;
  }
  return { doc };
}
