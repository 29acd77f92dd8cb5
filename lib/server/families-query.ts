import "server-only";
import { z } from "zod";
import type { FamilyFilterOptions, FamilyPage } from "../store/store-types";
import { FAMILY_PAGE_SIZE, type FamilyFilters } from "../views/family-filters";
import { snapshotNotFound } from "./snapshot-cache";
import { getStore } from "./store";

export const MAX_FAMILY_PAGE_SIZE = 500;

/** `offset` and `limit` of `/api/families` (the filters are lib/views/family-filters.ts). */
export const familyPagingSchema = z.object({
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_FAMILY_PAGE_SIZE).default(FAMILY_PAGE_SIZE),
});
export type FamilyPaging = z.infer<typeof familyPagingSchema>;

/** One page of a snapshot's families, filtered and sorted in SQL; null before the first snapshot. */
export async function getFamilyPage(
  filters: FamilyFilters,
  paging: FamilyPaging = { offset: 0, limit: FAMILY_PAGE_SIZE },
  snapshotId = "latest",
): Promise<FamilyPage | null> {
  return (await getStore()).familyPage({ snapshotId, ...filters, ...paging });
}

/** Like getFamilyPage, but a missing snapshot is a 404 for routes. */
export async function getFamilyPageOrThrow(
  filters: FamilyFilters,
  paging: FamilyPaging,
  snapshotId: string,
): Promise<FamilyPage> {
  const page = await getFamilyPage(filters, paging, snapshotId);
  if (!page) throw snapshotNotFound(snapshotId);
  return page;
}

/** The values the filter bar offers for a snapshot. */
export async function getFamilyFilterOptions(
  snapshotId: string,
): Promise<FamilyFilterOptions | null> {
  return (await getStore()).familyFilterOptions(snapshotId);
}
