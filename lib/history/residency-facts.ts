import type { Finding } from "../domain/finding";

/**
 * What a snapshot's rows say about residency, read with SQL aggregates (lib/store/residency-queries.ts)
 * rather than from the whole snapshot; lib/views/residency.ts turns them into the page's view.
 */
export interface ResidencyFacts {
  snapshotId: string;
  /** Every family in snapshot order, with the sorted regions its members are in. */
  families: { id: string; name: string; regions: string[] }[];
  /** The residency findings, in snapshot order. */
  residencyFindings: Finding[];
  /** The regions of every finding and of every region scan that failed. */
  findingAndFailedRegions: string[];
  /** Per region, over the keys that are family members: whether any had its last use read, and the newest use. */
  heldKeys: {
    region: string;
    lastUseRead: boolean;
    newest: { at: string; operation: string; keyId: string; account: string } | null;
  }[];
}
