import "server-only";
import { z } from "zod";
import type { Finding } from "../domain/finding";
import type { Snapshot, SnapshotStatus } from "../domain/snapshot";
import { failedRegionsOf, snapshotStatus, type FailedRegion } from "../domain/snapshot-status";
import type { SnapshotComparison } from "../store/compare";
import type { DeliveryRecord } from "../store/delivery-types";
import type { SnapshotListItem } from "../store/store-types";

export type { SnapshotComparison };
import { ApiError } from "./api-errors";
import { loadSnapshotOrThrow } from "./snapshot-cache";
import { getStore } from "./store";

export const snapshotIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:-]+$/, "expected a snapshot id or `latest`");

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: snapshotIdSchema.optional(),
});

export const compareQuerySchema = z.object({ from: snapshotIdSchema, to: snapshotIdSchema });

export type SnapshotMeta = Pick<
  Snapshot,
  | "id"
  | "startedAt"
  | "finishedAt"
  | "source"
  | "accounts"
  | "summary"
  | "parameters"
  | "tool"
  | "storageNotes"
> & {
  /** `incomplete` when a region failed (derived for snapshots stored before it was recorded). */
  status: SnapshotStatus;
  /** The (account, region)s that could not be read; their findings are unknown. */
  failedRegions: FailedRegion[];
  /** How many (account, region)s the scan covered. */
  regionCount: number;
};

/** A notification delivery of the snapshot, without what was sent. */
export type DeliveryView = Omit<DeliveryRecord, "content">;

export interface SnapshotDetail {
  snapshot: SnapshotMeta;
  changes: SnapshotComparison | null;
  findings: Finding[];
  /** Notifications sent (or not) after the snapshot was stored, one per sink. */
  deliveries: DeliveryView[];
}

export function metaOf(s: Snapshot): SnapshotMeta {
  return {
    id: s.id,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    source: s.source,
    accounts: s.accounts,
    summary: s.summary,
    parameters: s.parameters,
    tool: s.tool,
    ...(s.storageNotes !== undefined ? { storageNotes: s.storageNotes } : {}),
    status: snapshotStatus(s.summary),
    failedRegions: failedRegionsOf(s.regions),
    regionCount: s.regions.length,
  };
}

export async function listSnapshotHistory(
  query: z.infer<typeof listQuerySchema>,
): Promise<SnapshotListItem[]> {
  return (await getStore()).listSnapshots(query);
}

export async function getSnapshotDetail(id: string): Promise<SnapshotDetail> {
  const snapshot = await loadSnapshotOrThrow(snapshotIdSchema.parse(id));
  const store = await getStore();
  const [changes, deliveries] = await Promise.all([
    store.getChanges(snapshot.id),
    store.deliveries.listForSnapshot(snapshot.id),
  ]);
  return {
    snapshot: metaOf(snapshot),
    changes,
    findings: snapshot.findings,
    deliveries: deliveries.map(({ content: _content, ...rest }) => rest),
  };
}

export interface ComparisonView {
  from: SnapshotMeta;
  to: SnapshotMeta;
  comparison: SnapshotComparison;
}

export async function compareSnapshotPair(fromId: string, toId: string): Promise<ComparisonView> {
  const [from, to] = await Promise.all([loadSnapshotOrThrow(fromId), loadSnapshotOrThrow(toId)]);
  if (from.id === to.id)
    throw new ApiError("bad_request", 'invalid parameter "to": pick two different snapshots');
  const comparison = await (await getStore()).compareSnapshots(from.id, to.id);
  return { from: metaOf(from), to: metaOf(to), comparison };
}
