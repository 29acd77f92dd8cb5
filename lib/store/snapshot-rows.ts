import type { Snapshot } from "../domain/snapshot";
import { toStorableJson, type Replacement } from "./storable-json";
import { describeReplacements } from "./storage-notes";

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

/** A snapshot as the store writes it: the header's JSON and each array's elements as JSON texts. */
export interface SnapshotParts {
  /** The snapshot as it will read back (unstorable characters replaced, notes added). */
  snapshot: Snapshot;
  header: string;
  rows: Record<RowArray, string[]>;
  notes: string[];
}

function elementsOf(snapshot: Snapshot, name: RowArray): readonly unknown[] | undefined {
  return snapshot[name];
}

/**
 * Passes every element through the storable-JSON gate on its own (a 200,000-key snapshot is longer
 * than V8's longest string as one text), keeping each replacement's path from the snapshot's root
 * so the notes name the key, finding or event.
 */
export function splitSnapshot(original: Snapshot): SnapshotParts {
  const replacements: Replacement[] = [];
  const stored: Record<string, unknown> = {};
  const rows = {} as Record<RowArray, string[]>;
  for (const name of ROW_ARRAY_NAMES) {
    const elements = elementsOf(original, name);
    rows[name] = [];
    if (elements === undefined) continue;
    const kept: unknown[] = [];
    elements.forEach((element, index) => {
      const gate = toStorableJson(element);
      for (const r of gate.replacements)
        replacements.push({ ...r, path: [name, index, ...r.path] });
      kept.push(gate.value);
      rows[name].push(gate.text);
    });
    stored[name] = kept;
  }
  const header = headerOf(original);
  const gate = toStorableJson(header);
  replacements.push(...gate.replacements);
  const snapshot = { ...gate.value, ...stored } as unknown as Snapshot;
  const notes = describeReplacements(snapshot, replacements);
  if (notes.length === 0) return { snapshot, header: gate.text, rows, notes };
  const withNotes: Snapshot = {
    ...snapshot,
    storageNotes: [...(snapshot.storageNotes ?? []), ...notes],
  };
  return { snapshot: withNotes, header: JSON.stringify(headerOf(withNotes)), rows, notes };
}

/** Everything but the row arrays; each of those present becomes its length. */
function headerOf(snapshot: Snapshot): Record<string, unknown> {
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
