import { SEVERITIES, type Finding, type Severity } from "../domain/finding";
import type { SnapshotComparison } from "../history/compare";

/** One finding as a digest announces it. */
export interface DigestItem {
  id: string;
  familyId: string;
  property: string;
  severity: Severity;
  region: string;
  account: string;
  keyId: string;
  title: string;
}

export interface WorsenedItem extends DigestItem {
  previousSeverity: Severity;
}

/** What changed since the previous snapshot that people should hear about. */
export interface Digest {
  new: DigestItem[];
  resolved: DigestItem[];
  worsened: WorsenedItem[];
}

/** 0 for critical … 4 for info: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

function toItem(f: Finding): DigestItem {
  const { id, familyId, property, severity, region, account, keyId, title } = f;
  return { id, familyId, property, severity, region, account, keyId, title };
}

/**
 * New, resolved and worsened (severity went up) findings at or above `threshold`, from the
 * comparison the store made when it saved the snapshot. Waived findings are accepted risk and are
 * not announced. `resolved` is what compareFindings calls resolved: a finding whose region or
 * family was not read this time is not in it.
 */
export function buildDigest(comparison: SnapshotComparison, threshold: Severity): Digest {
  return {
    new: comparison.new.filter((f) => !f.waived && atLeast(f.severity, threshold)).map(toItem),
    resolved: comparison.resolved
      .filter((f) => !f.waived && atLeast(f.severity, threshold))
      .map(toItem),
    worsened: comparison.changed
      .filter(
        (c) =>
          !c.after.waived &&
          atLeast(c.after.severity, threshold) &&
          severityRank(c.after.severity) < severityRank(c.before.severity),
      )
      .map((c) => ({ ...toItem(c.after), previousSeverity: c.before.severity })),
  };
}

export function isEmptyDigest(digest: Digest): boolean {
  return digest.new.length + digest.resolved.length + digest.worsened.length === 0;
}
