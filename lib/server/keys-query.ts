import "server-only";
import type { KeyPage } from "../store/store-types";
import { KEY_PAGE_SIZE, type KeysPageQuery } from "../views/key-filters";
import { snapshotNotFound } from "./snapshot-cache";
import { getStore } from "./store";

export interface KeyPaging {
  offset: number;
  limit: number;
}

/** One page of a snapshot's keys, filtered in SQL; null when the snapshot is not stored. */
export async function getKeyPage(
  filters: Pick<KeysPageQuery, "account" | "region" | "q">,
  paging: KeyPaging = { offset: 0, limit: KEY_PAGE_SIZE },
  snapshotId = "latest",
): Promise<KeyPage | null> {
  return (await getStore()).keyPage({ snapshotId, ...filters, ...paging });
}

/** Like getKeyPage, but a missing snapshot is a 404 for routes. */
export async function getKeyPageOrThrow(
  filters: Pick<KeysPageQuery, "account" | "region" | "q">,
  paging: KeyPaging,
  snapshotId: string,
): Promise<KeyPage> {
  const page = await getKeyPage(filters, paging, snapshotId);
  if (!page) throw snapshotNotFound(snapshotId);
  return page;
}
