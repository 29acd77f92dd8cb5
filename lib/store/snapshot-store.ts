import { createDeliveryStore } from "./delivery-store";
import { createBundleReads } from "./bundle-reads";
import { createExportReads } from "./export-reads";
import { createFamilyQueries } from "./family-queries";
import { createFindingQueries } from "./finding-queries";
import { createHistoryQueries } from "./history-queries";
import { createKeyQueries } from "./key-queries";
import { createResidencyQueries } from "./residency-queries";
import { createRunLog } from "./run-log";
import { refreshFamilyFilters, writeSnapshot } from "./save-snapshot";
import { createSnapshotReads } from "./snapshot-reads";
import type { SqlClient } from "./sql-client";
import type { SnapshotStore, StoreKind } from "./store-types";

/** The store over one database: saving, then each family of reads in its own module. */
export function createSnapshotStore(db: SqlClient, kind: StoreKind): SnapshotStore {
  return {
    kind,
    async saveSnapshot(snapshot) {
      const written = await db.transaction((tx) => writeSnapshot(tx, snapshot));
      // After the commit: an ANALYZE in the transaction would hold its lock until the end.
      await refreshFamilyFilters(db);
      return { id: snapshot.id, ...written };
    },
    ...createSnapshotReads(db),
    ...createFindingQueries(db),
    ...createFamilyQueries(db),
    ...createHistoryQueries(db),
    ...createKeyQueries(db),
    ...createResidencyQueries(db),
    ...createExportReads(db),
    ...createBundleReads(db),
    ...createRunLog(db),
    deliveries: createDeliveryStore(db),
    close: () => db.close(),
  };
}
