import { SEVERITIES, type Finding, type Severity } from "../domain/finding";

/** True when an unwaived finding is at or above the threshold (`none`: never). */
export function reachesFailOn(findings: Finding[], failOn: Severity | "none"): boolean {
  if (failOn === "none") return false;
  const threshold = SEVERITIES.indexOf(failOn);
  return findings.some((f) => !f.waived && SEVERITIES.indexOf(f.severity) <= threshold);
}
