import type { SnapshotComparison } from "./compare";

export type RunTrigger = "schedule" | "manual" | "cli";
export type RunStatus = "ok" | "failed" | "skipped";

/** How one scan run ended: every run is recorded, saved or not. */
export type RunOutcome =
  | {
      status: "ok";
      snapshotId: string;
      changes: SnapshotComparison["counts"];
      /** Strings the store could not keep as scanned (the snapshot keeps the same list). */
      storageNotes: string[];
    }
  | { status: "failed"; reason: string }
  | { status: "skipped"; reason: string };
