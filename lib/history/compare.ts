import { z } from "zod";
import { findingSchema, type Finding } from "../domain/finding";
import { canonicalJson } from "../domain/canonical-json";
import { FULL_COVERAGE, type ReadCoverage } from "./read-coverage";

export const COMPARED_FIELDS = ["severity", "title", "actual", "waived"] as const;

const findingChangeSchema = z.strictObject({
  id: z.string(),
  fields: z.array(z.enum(COMPARED_FIELDS)),
  before: findingSchema,
  after: findingSchema,
});
export type FindingChange = z.infer<typeof findingChangeSchema>;

/**
 * What changed between two snapshots, matched by stable finding id. `resolved`: gone from the
 * newer snapshot although it read everything they depend on (fixed). `unchanged`: ids only (the
 * findings are in the newer snapshot). `unverified`: gone from the newer snapshot because it could
 * not check them (their region, reference region or key property was not read, or their family had
 * no reference): neither fixed nor confirmed. Comparisons stored before `unverified` existed are
 * read with none.
 */
export const snapshotComparisonSchema = z.strictObject({
  fromSnapshotId: z.string().nullable(),
  toSnapshotId: z.string().nullable(),
  new: z.array(findingSchema),
  resolved: z.array(findingSchema),
  changed: z.array(findingChangeSchema),
  unchanged: z.array(z.string()),
  unverified: z.array(findingSchema).default([]),
  counts: z.strictObject({
    new: z.number(),
    resolved: z.number(),
    changed: z.number(),
    unchanged: z.number(),
    unverified: z.number().default(0),
  }),
});
export type SnapshotComparison = z.infer<typeof snapshotComparisonSchema>;

export interface CompareContext {
  from: string | null;
  to: string | null;
  /** What the newer snapshot read (`readCoverageOf(snapshot)`); default: everything. */
  coverage?: ReadCoverage;
}

export function compareFindings(
  previous: Finding[],
  current: Finding[],
  context: CompareContext = { from: null, to: null },
): SnapshotComparison {
  const coverage = context.coverage ?? FULL_COVERAGE;
  const before = new Map(previous.map((f) => [f.id, f]));
  const after = new Map(current.map((f) => [f.id, f]));
  const added: Finding[] = [];
  const changed: FindingChange[] = [];
  const unchanged: string[] = [];
  for (const [id, now] of after) {
    const then = before.get(id);
    if (!then) {
      added.push(now);
      continue;
    }
    const fields = COMPARED_FIELDS.filter(
      (field) => canonicalJson(then[field]) !== canonicalJson(now[field]),
    );
    if (fields.length > 0) changed.push({ id, fields, before: then, after: now });
    else unchanged.push(id);
  }
  const gone = [...before.values()].filter((f) => !after.has(f.id));
  const resolved = gone.filter((f) => coverage.covers(f));
  const unverified = gone.filter((f) => !coverage.covers(f));
  return {
    fromSnapshotId: context.from,
    toSnapshotId: context.to,
    new: added,
    resolved,
    changed,
    unchanged,
    unverified,
    counts: {
      new: added.length,
      resolved: resolved.length,
      changed: changed.length,
      unchanged: unchanged.length,
      unverified: unverified.length,
    },
  };
}
