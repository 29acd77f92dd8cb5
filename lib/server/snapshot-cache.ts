import "server-only";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotListItem } from "../history/listing";
import type { SnapshotPartSpec } from "../store/snapshot-parts";
import { ApiError } from "./api-errors";
import { getStore } from "./store";

// Snapshots are immutable once stored, so a part read of one can be kept by id; a few cover the
// pages in use. No page reads a whole snapshot: /keys and /residency query rows (lib/store).
const MAX_CACHED = 4;

/**
 * The cached promise under `key`, or `load()`'s, kept while it resolves to something: a null or a
 * rejection is dropped so the next call reads again; past `max` entries the oldest goes.
 */
export function cachedLoad<T>(
  entries: Map<string, Promise<T | null>>,
  key: string,
  max: number,
  load: () => Promise<T | null>,
): Promise<T | null> {
  let entry = entries.get(key);
  if (!entry) {
    entry = load();
    entries.set(key, entry);
    entry.then((v) => v === null && entries.delete(key)).catch(() => entries.delete(key));
    while (entries.size > max) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }
  return entry;
}

/** The newest stored snapshot's list entry (id, times, source, summary): one row, no document. */
export async function latestSnapshotItem(): Promise<SnapshotListItem | null> {
  const [latest] = await (await getStore()).listSnapshots({ limit: 1 });
  return latest ?? null;
}

export async function latestSnapshotId(): Promise<string | null> {
  return (await latestSnapshotItem())?.id ?? null;
}

const parts = new Map<string, Promise<Snapshot | null>>();

/**
 * Part of a stored snapshot (store.snapshotPart: header, region and account scans, and only the
 * arrays `spec` names), kept by id and spec: pages that show a summary never read keys.
 */
export async function loadSnapshotPart(
  idOrLatest: string,
  spec: SnapshotPartSpec,
): Promise<Snapshot | null> {
  const id = idOrLatest === "latest" ? await latestSnapshotId() : idOrLatest;
  if (id === null) return null;
  const key = `${id}\u0000${JSON.stringify(spec)}`;
  return cachedLoad(parts, key, 2 * MAX_CACHED, () =>
    getStore().then((store) => store.snapshotPart(id, spec)),
  );
}

export async function loadSnapshotPartOrThrow(
  idOrLatest: string,
  spec: SnapshotPartSpec,
): Promise<Snapshot> {
  const snapshot = await loadSnapshotPart(idOrLatest, spec);
  if (!snapshot) throw snapshotNotFound(idOrLatest);
  return snapshot;
}

/** The 404 of a route whose snapshot is not stored (`latest`: none yet). */
export function snapshotNotFound(idOrLatest: string): ApiError {
  return new ApiError(
    "not_found",
    idOrLatest === "latest"
      ? "no snapshot yet: the first scan has not finished"
      : `snapshot ${idOrLatest} not found`,
  );
}

/** A value derived from a snapshot, computed once per snapshot id and kind. */
const derived = new Map<string, unknown>();
export function memoBySnapshot<T>(kind: string, snapshot: Snapshot, build: (s: Snapshot) => T): T {
  const key = `${kind}\u0000${snapshot.id}`;
  if (derived.has(key)) return derived.get(key) as T;
  const value = build(snapshot);
  derived.set(key, value);
  if (derived.size > 32) {
    const oldest = derived.keys().next().value;
    if (oldest !== undefined) derived.delete(oldest);
  }
  return value;
}
