import "server-only";
import { getSharedStore } from "../store/shared-store";
import type { SnapshotStore } from "../store/store-types";

/** The process's one store (PGlite allows one instance per data directory per process). */
export function getStore(): Promise<SnapshotStore> {
  return getSharedStore();
}
