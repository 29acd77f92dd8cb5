import type { AccountScan } from "../domain/account-scan";
import type { Finding, Severity } from "../domain/finding";
import type { RegionScan } from "../domain/snapshot";
import { nothingReadReason } from "../domain/snapshot-status";
import { reachesFailOn } from "./fail-on";
import { EXIT_FINDINGS, EXIT_OK } from "./io";

/** Some (account, region) failed, the rest was read and no finding reaches `--fail-on`. */
export const EXIT_INCOMPLETE = 3;

export type ScanOutcome =
  /** Nothing was read: no snapshot is printed or saved, exit 2 with this one-line reason. */
  | { kind: "nothing-read"; reason: string }
  /** The snapshot is printed (and saved); `warning` goes to stderr when regions failed. */
  | { kind: "report"; exitCode: 0 | 1 | 3; warning?: string };

/**
 * The `scan` exit decision. A failed region is not a region in sync, so a scan with one exits 3
 * rather than 0; findings at or above `--fail-on` still exit 1, since that is what a pipeline gates
 * on. When no (account, region) was read at all, there is no evidence to keep. An account that
 * could not be reached at all (AccessDenied on AssumeRole) fails each of its regions, so it counts
 * like a failed region; the warning names it as an account rather than listing its regions.
 * Skipped accounts (suspended, filtered out) are not failures.
 */
export function decideScanOutcome(
  snapshot: {
    regions: readonly Pick<RegionScan, "account" | "region" | "status" | "error">[];
    findings: Finding[];
    accountScans?: readonly Pick<AccountScan, "account" | "status" | "reason">[];
  },
  failOn: Severity | "none",
): ScanOutcome {
  const { regions } = snapshot;
  const nothingRead = nothingReadReason(regions);
  if (nothingRead !== null) return { kind: "nothing-read", reason: nothingRead };
  const warning = describeIncomplete(regions, snapshot.accountScans ?? []);
  const exitCode = reachesFailOn(snapshot.findings, failOn)
    ? EXIT_FINDINGS
    : warning !== undefined
      ? EXIT_INCOMPLETE
      : EXIT_OK;
  return { kind: "report", exitCode, ...(warning !== undefined ? { warning } : {}) };
}

function listSome<T>(items: readonly T[], show: (item: T) => string): string {
  return `${items.map(show).slice(0, 3).join("; ")}${items.length > 3 ? "; …" : ""}`;
}

function describeIncomplete(
  regions: readonly Pick<RegionScan, "account" | "region" | "status" | "error">[],
  accountScans: readonly Pick<AccountScan, "account" | "status" | "reason">[],
): string | undefined {
  const failedAccounts = accountScans.filter((a) => a.status === "error");
  const unreachable = new Set(failedAccounts.map((a) => a.account));
  const scannedAccounts = accountScans.filter((a) => a.status !== "skipped").length;
  const otherRegions = regions.filter((r) => !unreachable.has(r.account));
  const failedRegions = otherRegions.filter((r) => r.status === "error");
  const parts: string[] = [];
  if (failedAccounts.length > 0)
    parts.push(
      `${failedAccounts.length} of ${scannedAccounts} accounts could not be read and are unknown (${listSome(
        failedAccounts,
        (a) => `${a.account}: ${a.reason ?? "failed"}`,
      )})`,
    );
  if (failedRegions.length > 0)
    parts.push(
      `${failedRegions.length} of ${otherRegions.length} regions failed and are unknown (${listSome(
        failedRegions,
        (r) => `${r.account}/${r.region}: ${r.error ?? "failed"}`,
      )})`,
    );
  return parts.length === 0 ? undefined : `incomplete scan: ${parts.join("; ")}`;
}
