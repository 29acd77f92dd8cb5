import type { Snapshot } from "../domain/snapshot";

export interface WaiverEvidence {
  match: string;
  reason: string;
  owner: string;
  expires: string;
  findingIds: string[];
}

function isInForce(expires: string, at: Date): boolean {
  const time = Date.parse(expires);
  // A waiver whose expiry cannot be read is reported rather than silently dropped.
  return Number.isNaN(time) || time > at.getTime();
}

/** The waivers applied to the snapshot's findings and still in force at `at`, one entry per waiver. */
export function collectWaivers(snapshot: Snapshot, at: Date): WaiverEvidence[] {
  const byKey = new Map<string, WaiverEvidence>();
  for (const finding of snapshot.findings) {
    const waiver = finding.waiver;
    if (!finding.waived || !waiver || !isInForce(waiver.expires, at)) continue;
    const key = [waiver.match, waiver.owner, waiver.expires, waiver.reason].join("\u0000");
    const entry = byKey.get(key) ?? { ...waiver, findingIds: [] };
    entry.findingIds.push(finding.id);
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => a.match.localeCompare(b.match));
}
