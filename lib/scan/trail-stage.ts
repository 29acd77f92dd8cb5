import type { TrailCoverage } from "../domain/snapshot";
import type { Finding } from "../domain/finding";
import type { TrailEvent } from "../domain/trail-event";
import type { ClientPool } from "../aws/client-pool";
import { collectTrailEvents } from "../trail/collect";
import { coverageKey } from "../trail/coverage-notes";
import type { TrailWindow } from "../trail/window";
import type { RegionListing } from "../domain/region-listing";

export interface TrailStageResult {
  events: TrailEvent[];
  /** Keyed by `coverageKey(account, region)`. */
  coverage: Map<string, TrailCoverage>;
}

/**
 * Collects the KMS write events of every listed (account, region) concurrently. It runs beside the
 * read phase: CloudTrail's 2 requests/s bound, not the key reads, sets its pace.
 */
export async function collectTrailStage(
  listings: readonly RegionListing[],
  pool: ClientPool,
  window: TrailWindow,
  signal: AbortSignal,
): Promise<TrailStageResult> {
  const coverage = new Map<string, TrailCoverage>();
  const perRegion = await Promise.all(
    listings.map(async (listing) => {
      const aliases = new Map<string, string>();
      for (const alias of listing.aliases)
        if (alias.targetKeyId) aliases.set(alias.name, alias.targetKeyId);
      const result = await collectTrailEvents({
        client: pool.cloudtrail(listing.account, listing.region),
        account: listing.account,
        region: listing.region,
        window,
        signal,
        aliases,
      });
      coverage.set(coverageKey(listing.account, listing.region), result.coverage);
      return result.events;
    }),
  );
  return { events: perRegion.flat(), coverage };
}

/**
 * The events a snapshot keeps: every write event this scan collected, plus the older events (from
 * the previous snapshot) that still explain one of its findings — by default the window only reaches
 * back to the previous snapshot, and a drift that persists must not lose who made it.
 */
export function eventsToKeep(
  findings: readonly Finding[],
  collected: readonly TrailEvent[],
  carried: readonly TrailEvent[],
): TrailEvent[] {
  const referenced = new Set(findings.flatMap((f) => f.attribution.map((a) => a.eventId)));
  const kept = new Map(collected.map((e) => [e.eventId, e]));
  for (const event of carried)
    if (referenced.has(event.eventId) && !kept.has(event.eventId)) kept.set(event.eventId, event);
  return [...kept.values()].sort((a, b) => a.eventTime.localeCompare(b.eventTime));
}
