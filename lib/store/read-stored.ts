import { z } from "zod";
import { familySchema } from "../domain/family";
import { findingSchema, type Finding } from "../domain/finding";
import { keyRecordSchema } from "../domain/key-record";
import { snapshotSchema, type Snapshot } from "../domain/snapshot";
import { parseStored, parseStoredSnapshot } from "../domain/stored-snapshot";
import { snapshotComparisonSchema, type SnapshotComparison } from "../history/compare";

// Every JSON document the store hands back is checked against the schema it was written with, so
// a row from another format (or another tool) is refused with the snapshot and field it fails at.

export function readStoredSnapshot(doc: unknown, snapshotId: string): Snapshot {
  return parseStoredSnapshot(doc, `stored snapshot ${snapshotId}`);
}

export function readStoredFinding(doc: unknown, snapshotId: string): Finding {
  return parseStored(findingSchema, doc, `a finding of stored snapshot ${snapshotId}`);
}

export function readStoredComparison(doc: unknown, snapshotId: string): SnapshotComparison {
  return parseStored(
    snapshotComparisonSchema,
    doc,
    `the comparison stored with snapshot ${snapshotId}`,
  );
}

const coverageSchema = z.strictObject({
  regions: snapshotSchema.shape.regions,
  families: z.array(familySchema),
  keys: z.array(keyRecordSchema),
});

/** The parts of a stored snapshot that say what it read (for comparisons). */
export function readStoredCoverage(
  doc: unknown,
  snapshotId: string,
): Pick<Snapshot, "regions" | "families" | "keys"> {
  return parseStored(coverageSchema, doc, `stored snapshot ${snapshotId}`);
}

const listedSchema = z.strictObject({
  summary: snapshotSchema.shape.summary,
  source: snapshotSchema.shape.source,
  changes: snapshotComparisonSchema.shape.counts.nullable(),
});

/** The summary, source and change counts the history list shows of a stored snapshot. */
export function readStoredListing(doc: unknown, snapshotId: string): z.infer<typeof listedSchema> {
  return parseStored(listedSchema, doc, `stored snapshot ${snapshotId}`);
}
