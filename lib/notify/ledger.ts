import type { Severity } from "../domain/finding";
import type { LedgerRow } from "../history/deliveries";
import { severityRank, type Digest } from "./digest";

function alreadyOpen(entry: LedgerRow | undefined, severity: Severity): boolean {
  return entry?.state === "open" && severityRank(entry.severity) <= severityRank(severity);
}

/**
 * Drops the changes a sink has already heard: a finding announced open at this severity or worse
 * is not new again (for example when a region that was not read comes back), and a resolution is
 * announced once. This is the per-finding-change idempotency key.
 */
export function withoutAnnounced(digest: Digest, ledger: ReadonlyMap<string, LedgerRow>): Digest {
  return {
    new: digest.new.filter((i) => !alreadyOpen(ledger.get(i.id), i.severity)),
    worsened: digest.worsened.filter((i) => !alreadyOpen(ledger.get(i.id), i.severity)),
    resolved: digest.resolved.filter((i) => ledger.get(i.id)?.state !== "resolved"),
  };
}

/** The ledger rows a digest leaves behind once it is planned for delivery. */
export function ledgerUpdates(digest: Digest): LedgerRow[] {
  return [
    ...[...digest.new, ...digest.worsened].map((i) => ({
      findingId: i.id,
      state: "open" as const,
      severity: i.severity,
    })),
    ...digest.resolved.map((i) => ({
      findingId: i.id,
      state: "resolved" as const,
      severity: i.severity,
    })),
  ];
}
