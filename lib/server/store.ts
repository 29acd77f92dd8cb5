import "server-only";
import { isStoreUnavailableError } from "../store/data-dir-lock";
import { getSharedStore } from "../store/shared-store";
import { DASHBOARD_ROLE } from "../store/store-holder";
import type { SnapshotStore } from "../store/store-types";

/**
 * The process's one store. On PGlite the dashboard holds its data directory for its whole life;
 * a CLI `scan --save` or `export` on the same directory is refused with a message naming it.
 */
export function getStore(): Promise<SnapshotStore> {
  return getSharedStore(process.env, DASHBOARD_ROLE);
}

/**
 * Why the store cannot be opened because another process holds it (the message names that
 * process), or null. Pages show it instead of failing; any other failure is left to the page.
 */
export async function storeUnavailableReason(): Promise<string | null> {
  try {
    await getStore();
    return null;
  } catch (error) {
    return isStoreUnavailableError(error) ? error.message : null;
  }
}
