import type { Finding } from "../domain/finding";
import { canonicalJson } from "../report/canonical-json";

export const COMPARED_FIELDS = ["severity", "title", "actual", "waived"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface FindingChange {
  id: string;
  fields: ComparedField[];
  before: Finding;
  after: Finding;
}

/** What changed between two snapshots, matched by stable finding id. */
export interface SnapshotComparison {
  fromSnapshotId: string | null;
  toSnapshotId: string | null;
  new: Finding[];
  resolved: Finding[];
  changed: FindingChange[];
  /** Ids only: the findings themselves are in the newer snapshot. */
  unchanged: string[];
  counts: { new: number; resolved: number; changed: number; unchanged: number };
}

export function compareFindings(
  previous: Finding[],
  current: Finding[],
  ids: { from: string | null; to: string | null } = { from: null, to: null },
): SnapshotComparison {
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
  const resolved = [...before.values()].filter((f) => !after.has(f.id));
  return {
    fromSnapshotId: ids.from,
    toSnapshotId: ids.to,
    new: added,
    resolved,
    changed,
    unchanged,
    counts: {
      new: added.length,
      resolved: resolved.length,
      changed: changed.length,
      unchanged: unchanged.length,
    },
  };
}
