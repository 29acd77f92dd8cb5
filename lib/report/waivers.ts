import type { WaiverRef } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { waiverInForce } from "../domain/waiver-expiry";

/** A waiver in force, with the findings it covers. */
export type WaiverEvidence = WaiverRef & { findingIds: string[] };

/** The waivers applied to the snapshot's findings and still in force at `at`, one entry per waiver. */
export function collectWaivers(snapshot: Pick<Snapshot, "findings">, at: Date): WaiverEvidence[] {
  const byKey = new Map<string, WaiverEvidence>();
  for (const finding of snapshot.findings) {
    const waiver = finding.waiver;
    if (!finding.waived || !waiver || !waiverInForce(waiver.expires, at)) continue;
    const key = [waiver.match, waiver.owner, waiver.expires, waiver.reason].join("\u0000");
    const entry = byKey.get(key) ?? { ...waiver, findingIds: [] };
    entry.findingIds.push(finding.id);
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.match.localeCompare(b.match));
}
