import "server-only";
import { z } from "zod";
import type { Family } from "../domain/family";
import type { Snapshot } from "../domain/snapshot";
import { decodeRouteParam } from "../http/request-shape";
import {
  buildFamilyDrReadiness,
  buildFamilyOutline,
  buildFamilyReport,
  buildSameMeaning,
  type FamilyDrReadiness,
  type FamilyOutline,
  type FamilyReport,
  type SameMeaningMembers,
} from "../views/family-report";
import { ApiError } from "./api-errors";
import { cachedLoad, snapshotNotFound } from "./snapshot-cache";
import { getStore } from "./store";

// Next.js hands route handlers a param with `/` still escaped (`alias%2Fapp`) and pages one not
// decoded at all, so an id holding `%` is decoded here (family ids themselves never contain `%`);
// one that will not decode stays as it is and fails the pattern or the lookup.
export const familyIdSchema = z
  .string()
  .max(400)
  .transform((s) => (s.includes("%") ? (decodeRouteParam(s) ?? s) : s))
  .pipe(
    z.string().regex(/^\d{12}:[^\s]+$/, "expected <account>:<key id> or <account>:alias/<name>"),
  );

function familyNotFound(familyId: string, snapshot: Snapshot): ApiError {
  return new ApiError("not_found", `family ${familyId} is not in snapshot ${snapshot.id}`);
}

// The page's sections each read the family; a few slices are kept (snapshots never change once stored).
const slices = new Map<string, Promise<Snapshot | null>>();
const MAX_SLICES = 8;

/** The snapshot as the family's page needs it (store.familySlice): never the whole snapshot. */
async function loadFamilySlice(familyId: string, snapshotId: string): Promise<Snapshot> {
  const store = await getStore();
  const resolved = await store.resolveSnapshot(snapshotId);
  if (!resolved) throw snapshotNotFound(snapshotId);
  const key = `${resolved}\u0000${familyId}`;
  const snapshot = await cachedLoad(slices, key, MAX_SLICES, () =>
    store.familySlice(resolved, familyId),
  );
  if (!snapshot) throw snapshotNotFound(snapshotId);
  return snapshot;
}

export async function getFamilyReport(rawId: string, snapshotId = "latest"): Promise<FamilyReport> {
  const familyId = familyIdSchema.parse(rawId);
  const snapshot = await loadFamilySlice(familyId, snapshotId);
  const report = buildFamilyReport(snapshot, familyId);
  if (!report) throw familyNotFound(familyId, snapshot);
  return report;
}

/** The family page's first read: it fails (not found) before anything is sent. */
export async function getFamilyOutline(
  rawId: string,
  snapshotId = "latest",
): Promise<FamilyOutline> {
  const familyId = familyIdSchema.parse(rawId);
  const snapshot = await loadFamilySlice(familyId, snapshotId);
  const outline = buildFamilyOutline(snapshot, familyId);
  if (!outline) throw familyNotFound(familyId, snapshot);
  return outline;
}

async function loadFamily(familyId: string, snapshotId: string): Promise<[Snapshot, Family]> {
  const snapshot = await loadFamilySlice(familyId, snapshotId);
  const family = snapshot.families.find((f) => f.id === familyId);
  if (!family) throw familyNotFound(familyId, snapshot);
  return [snapshot, family];
}

/** DR readiness of a family the outline found, in the same snapshot. */
export async function getFamilyDrReadiness(
  familyId: string,
  snapshotId: string,
): Promise<FamilyDrReadiness> {
  return buildFamilyDrReadiness(...(await loadFamily(familyId, snapshotId)));
}

/** Members whose policy reads differently and allows the same, in the same snapshot. */
export async function getFamilySameMeaning(
  familyId: string,
  snapshotId: string,
): Promise<SameMeaningMembers> {
  return buildSameMeaning(...(await loadFamily(familyId, snapshotId)));
}
