import type { TrailCoverage } from "../domain/snapshot";

/** Coverage per `"<account>:<region>"`, as a Map or a plain record (e.g. from snapshot JSON). */
export type CoverageIndex =
  ReadonlyMap<string, TrailCoverage> | Readonly<Record<string, TrailCoverage>>;

export function coverageKey(account: string, region: string): string {
  return `${account}:${region}`;
}

export function getCoverage(
  index: CoverageIndex,
  account: string,
  region: string,
): TrailCoverage | undefined {
  const key = coverageKey(account, region);
  if (index instanceof Map) return index.get(key);
  const record = index as Readonly<Record<string, TrailCoverage>>;
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** `2026-11-20T14:02:33.000Z` → `2026-11-20 14:02 UTC`. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Why a region's CloudTrail cannot be trusted to hold the explaining event, or undefined when it can. */
export function describeGap(
  coverage: TrailCoverage | undefined,
  region: string,
  role: string,
): string | undefined {
  const where = role ? `${region} (${role})` : region;
  if (!coverage) return `CloudTrail was not looked up in ${where}`;
  if (coverage.status === "error")
    return `CloudTrail lookup failed in ${where}: ${coverage.reason}`;
  if (coverage.status === "skipped")
    return `CloudTrail lookup skipped in ${where}: ${coverage.reason}`;
  return undefined;
}

/** The note for a finding whose covered regions hold no explaining event. */
export function describeEmptyWindow(coverage: TrailCoverage | undefined): string {
  if (coverage?.status === "truncated") {
    return `No CloudTrail event explains this change since ${formatUtc(coverage.from)} (lookups truncated: ${coverage.reason}); it may be older`;
  }
  if (coverage?.status === "ok") {
    return `No CloudTrail event explains this change since ${formatUtc(coverage.from)}: it predates the CloudTrail window`;
  }
  return "No CloudTrail event explains this change: it predates the CloudTrail window";
}
