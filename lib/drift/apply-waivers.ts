import type { Finding, WaiverRef } from "../domain/finding";
import { findingId } from "../domain/finding-id";
import { matchGlob } from "../domain/glob";
import { waiverInForce } from "../domain/waiver-expiry";
import type { WaiverRule } from "./rules-schema";

export function waiverMatches(waiver: WaiverRule, finding: Finding): boolean {
  if (waiver.finding !== undefined) return waiver.finding === finding.id;
  const m = waiver.match;
  if (!m) return false;
  return (
    (m.family === undefined || matchGlob(m.family, finding.familyId)) &&
    (m.property === undefined || matchGlob(m.property, finding.property)) &&
    (m.region === undefined || matchGlob(m.region, finding.region))
  );
}

function waiverRef(waiver: WaiverRule): WaiverRef {
  return {
    reason: waiver.reason,
    owner: waiver.owner,
    expires: waiver.expires,
    match: waiver.finding ?? JSON.stringify(waiver.match),
  };
}

/**
 * Mark findings a live waiver covers `waived: true` (they stay in the list). A waiver past its expiry
 * stops applying; each finding it would have covered gets an `info` companion finding with the same
 * property and region, titled "waiver expired: …", so the lapse is visible.
 */
export function applyWaivers(findings: Finding[], waivers: WaiverRule[], now: Date): Finding[] {
  const out: Finding[] = [];
  const expiredNotices: Finding[] = [];
  for (const finding of findings) {
    const matching = waivers.filter((w) => waiverMatches(w, finding));
    const live = matching.find((w) => waiverInForce(w.expires, now));
    if (live) {
      out.push({ ...finding, waived: true, waiver: waiverRef(live) });
      continue;
    }
    out.push(finding);
    for (const w of matching) {
      expiredNotices.push({
        ...finding,
        id: findingId(
          finding.familyId,
          finding.property,
          finding.region,
          `waiver-expired:${finding.id}:${w.expires}`,
        ),
        severity: "info",
        title: `waiver expired: ${finding.title}`,
        detail: { rule: "waiver-expired", findingId: finding.id, waiver: waiverRef(w) },
        remediation: [],
        waived: false,
      });
    }
  }
  return [...out, ...expiredNotices];
}
