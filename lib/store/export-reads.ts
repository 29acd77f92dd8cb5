import { z } from "zod";
import { findingSchema, type Finding } from "../domain/finding";
import { parseStored } from "../domain/stored-snapshot";
import type { SqlQueryable } from "./sql-client";
import type { SnapshotStore } from "./store-types";

/** What an export needs of the key a finding is about. */
export interface ExportKey {
  arn: string;
  aliases: string[] | null;
  keyState: string | null;
}

/** A finding with the key and family the exports look up for it, read in one query. */
export interface ExportFindingRow {
  position: number;
  finding: Finding;
  /** The first key in snapshot order with the finding's account, region and key id (ASFF's resource). */
  firstKeyArn: string | null;
  /** The last such key (OCSF's resource: its lookup keeps the last of equal keys). */
  lastKey: ExportKey | null;
  /** The last family with the finding's family id. */
  family: { kind: string; name: string } | null;
}

export type ExportReads = Pick<SnapshotStore, "exportFindings">;

const rowSchema = z.object({
  position: z.number(),
  doc: z.unknown(),
  first_arn: z.string().nullable(),
  last_arn: z.string().nullable(),
  last_aliases: z.array(z.string()).nullable(),
  last_key_state: z.string().nullable(),
  family_kind: z.string().nullable(),
  family_name: z.string().nullable(),
});

const SAME_KEY = `k.snapshot_id = $1 and k.key_id = f.doc->>'keyId'
  and k.account = f.account and k.region = f.region`;

/** Findings in pages by position (keyset: each page starts after the last one's position). */
export function createExportReads(db: SqlQueryable): ExportReads {
  return {
    async exportFindings(snapshotId, afterPosition, limit) {
      const rows = await db.query(
        `select f.position, f.doc,
                (select k.arn from snapshot_keys k where ${SAME_KEY} order by k.position limit 1) as first_arn,
                l.arn as last_arn, l.aliases as last_aliases, l.key_state as last_key_state,
                fam.kind as family_kind, fam.name as family_name
         from findings f
         left join lateral (
           select k.arn, k.doc->'aliases' as aliases, k.doc->'metadata'->>'KeyState' as key_state
           from snapshot_keys k where ${SAME_KEY} order by k.position desc limit 1
         ) l on true
         left join lateral (
           select s.kind, s.name from snapshot_families s
           where s.snapshot_id = $1 and s.family_id = f.family_id order by s.position desc limit 1
         ) fam on true
         where f.snapshot_id = $1 and f.position > $2
         order by f.position limit $3`,
        [snapshotId, afterPosition, Math.max(1, Math.floor(limit))],
      );
      return parseStored(z.array(rowSchema), rows, `stored snapshot ${snapshotId}`).map(
        (r): ExportFindingRow => ({
          position: r.position,
          // Named as a whole read names it: `stored snapshot … is not readable: findings[3].…`.
          finding: parseStored(findingSchema, r.doc, `stored snapshot ${snapshotId}`, [
            "findings",
            r.position,
          ]),
          firstKeyArn: r.first_arn,
          lastKey:
            r.last_arn === null
              ? null
              : { arn: r.last_arn, aliases: r.last_aliases, keyState: r.last_key_state },
          family:
            r.family_kind === null ? null : { kind: r.family_kind, name: r.family_name ?? "" },
        }),
      );
    },
  };
}
