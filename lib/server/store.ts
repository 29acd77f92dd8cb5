import "server-only";
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
