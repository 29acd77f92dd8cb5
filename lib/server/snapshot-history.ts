import "server-only";
import { z } from "zod";
import type { SnapshotListItem } from "../history/listing";
import { metaOf, type ComparisonView, type SnapshotDetail } from "../views/history";
import { ApiError } from "./api-errors";
import { loadSnapshotPartOrThrow } from "./snapshot-cache";
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

export async function listSnapshotHistory(
  query: z.infer<typeof listQuerySchema>,
): Promise<SnapshotListItem[]> {
  return (await getStore()).listSnapshots(query);
}

export async function getSnapshotDetail(id: string): Promise<SnapshotDetail> {
  const snapshot = await loadSnapshotPartOrThrow(snapshotIdSchema.parse(id), { findings: true });
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

export async function compareSnapshotPair(fromId: string, toId: string): Promise<ComparisonView> {
  const [from, to] = await Promise.all([
    loadSnapshotPartOrThrow(fromId, {}),
    loadSnapshotPartOrThrow(toId, {}),
  ]);
  if (from.id === to.id)
    throw new ApiError("bad_request", 'invalid parameter "to": pick two different snapshots');
  const comparison = await (await getStore()).compareSnapshots(from.id, to.id);
  return { from: metaOf(from), to: metaOf(to), comparison };
}
