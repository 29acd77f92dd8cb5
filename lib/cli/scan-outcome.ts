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
 * on. When no (account, region) was read at all, there is no evidence to keep.
 */
export function decideScanOutcome(
  snapshot: {
    regions: readonly Pick<RegionScan, "account" | "region" | "status" | "error">[];
    findings: Finding[];
  },
  failOn: Severity | "none",
): ScanOutcome {
  const { regions } = snapshot;
  const nothingRead = nothingReadReason(regions);
  if (nothingRead !== null) return { kind: "nothing-read", reason: nothingRead };
  const failed = regions.filter((r) => r.status === "error");
  const warning =
    failed.length === 0
      ? undefined
      : `incomplete scan: ${failed.length} of ${regions.length} regions failed and are unknown (${failed
          .map((r) => `${r.account}/${r.region}: ${r.error ?? "failed"}`)
          .slice(0, 3)
          .join("; ")}${failed.length > 3 ? "; …" : ""})`;
  const exitCode = reachesFailOn(snapshot.findings, failOn)
    ? EXIT_FINDINGS
    : warning !== undefined
      ? EXIT_INCOMPLETE
      : EXIT_OK;
  return { kind: "report", exitCode, ...(warning !== undefined ? { warning } : {}) };
}
