import { z } from "zod";
import { familySchema } from "../domain/family";
import { findingSchema } from "../domain/finding";
import { keyRecordSchema } from "../domain/key-record";
import type { Snapshot } from "../domain/snapshot";
import { parseStored, SnapshotFormatError } from "../domain/stored-snapshot";
import { trailEventSchema } from "../domain/trail-event";
import { KEY_DOC_COLUMNS, KEY_DOCS, keyDocOf } from "./key-docs";
import type { SqlQueryable } from "./sql-client";
import type { SnapshotStore } from "./store-types";

/** The arrays of a snapshot that can be too large to read whole: read a page at a time. */
export const PAGED_ARRAYS = ["keys", "families", "findings", "events"] as const;
export type PagedArray = (typeof PAGED_ARRAYS)[number];
export type PagedElement<A extends PagedArray> = Snapshot[A][number];

export interface PagedRow<A extends PagedArray> {
  position: number;
  element: PagedElement<A>;
}

const ELEMENT_SCHEMAS: { [A in PagedArray]: z.ZodType<PagedElement<A>> } = {
  keys: keyRecordSchema,
  families: familySchema,
  findings: findingSchema,
  events: trailEventSchema,
};

// As lib/store/snapshot-assembly.ts reads them whole: a family's document lives in its own table,
// a key's policy in its own.
const SOURCES: Record<PagedArray, string> = {
  keys: KEY_DOCS,
  families: "snapshot_families join snapshot_family_docs using (snapshot_id, position)",
  findings: "findings",
  events: "snapshot_events",
};

export type BundleReads = Pick<SnapshotStore, "snapshotRows" | "snapshotRowCounts">;

const rowsSchema = z.array(
  z.object({ position: z.number(), doc: z.unknown(), policy: z.unknown().optional() }),
);
const countsSchema = z.array(
  z.object({
    keys: z.number().nullable(),
    families: z.number().nullable(),
    findings: z.number().nullable(),
    events: z.number().nullable(),
  }),
);

/** A snapshot's arrays in pages by position (keyset), each element checked as a whole read checks it. */
export function createBundleReads(db: SqlQueryable): BundleReads {
  return {
    async snapshotRows<A extends PagedArray>(
      snapshotId: string,
      array: A,
      afterPosition: number,
      limit: number,
    ): Promise<PagedRow<A>[]> {
      const rows = await db.query(
        `select position, ${array === "keys" ? KEY_DOC_COLUMNS : "doc"} from ${SOURCES[array]}
         where snapshot_id = $1 and position > $2 order by position limit $3`,
        [snapshotId, afterPosition, Math.max(1, Math.floor(limit))],
      );
      const label = `stored snapshot ${snapshotId}`;
      const schema: z.ZodType<PagedElement<A>> = ELEMENT_SCHEMAS[array];
      return parseStored(rowsSchema, rows, label).map((r) => ({
        position: r.position,
        // Named as a whole read names it: `stored snapshot … is not readable: keys[3].arn: …`.
        element: parseStored(schema, keyDocOf(r), label, [array, r.position]),
      }));
    },

    async snapshotRowCounts(snapshotId) {
      const rows = await db.query(
        `select ${PAGED_ARRAYS.map((a) => `case jsonb_typeof(doc->'${a}') when 'number' then (doc->>'${a}')::int end as ${a}`).join(", ")}
         from snapshots where id = $1`,
        [snapshotId],
      );
      const [counts] = parseStored(countsSchema, rows, `stored snapshot ${snapshotId}`);
      return counts ?? null;
    },
  };
}

/**
 * One array's elements, a page at a time; at the end its row count is checked against the one the
 * header records (`expected`), as a whole read checks it (lib/store/snapshot-rows.ts).
 */
export async function* readPagedArray<A extends PagedArray>(
  store: Pick<SnapshotStore, "snapshotRows">,
  snapshotId: string,
  array: A,
  expected: number | null,
  pageSize: number,
): AsyncGenerator<PagedElement<A>> {
  let count = 0;
  for (let after = -1; ;) {
    const page = await store.snapshotRows(snapshotId, array, after, pageSize);
    for (const row of page) yield row.element;
    count += page.length;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) break;
    after = last.position;
  }
  if (expected !== null && count !== expected)
    throw new SnapshotFormatError(
      `stored snapshot ${snapshotId} is not readable: ${array}: ${count} rows stored, the header records ${expected}`,
    );
}
