import type { TrailCoverage } from "../domain/snapshot";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { TrailEvent } from "../domain/trail-event";
import type { ClientPool } from "../aws/client-pool";
import { attributeFindings } from "../trail/attribute";
import { collectTrailEvents } from "../trail/collect";
import { coverageKey } from "../trail/coverage-notes";
import { resolveTrailWindow, type TrailWindow } from "../trail/window";
import type { RegionListing } from "../domain/region-listing";
import type { ScanSession } from "./scan-session";
import type { ScanOptions } from "./types";

export interface TrailStageResult {
  events: TrailEvent[];
  /** Keyed by `coverageKey(account, region)`. */
  coverage: Map<string, TrailCoverage>;
}

/** The trail stage's outcome: off (`--no-trail`), or the events collected and where they cover. */
export type TrailOutcome = { enabled: false } | ({ enabled: true } & TrailStageResult);

/**
 * The CloudTrail window: `--since`, else since the previous snapshot; null with `--no-trail`.
 */
export function trailWindowFor(
  options: Pick<ScanOptions, "trail" | "since" | "previous">,
  startedAt: Date,
): TrailWindow | null {
  const window = resolveTrailWindow({
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.previous !== undefined ? { previousSnapshotAt: options.previous.startedAt } : {}),
    now: startedAt,
  });
  return (options.trail ?? true) ? window : null;
}

/** Starts collecting as soon as the regions are listed; the scan awaits it only after the key reads. */
export function startTrailStage(
  window: TrailWindow | null,
  listings: readonly RegionListing[],
  session: ScanSession,
): Promise<TrailOutcome> {
  if (window === null) return Promise.resolve({ enabled: false });
  return collectTrailStage(listings, session.pool, window, session.signal).then((result) => ({
    enabled: true,
    ...result,
  }));
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
      const result = await collectRegionTrail(listing, pool, window, signal);
      pool.forget(listing.account, listing.region, "cloudtrail");
      coverage.set(coverageKey(listing.account, listing.region), result.coverage);
      return result.events;
    }),
  );
  return { events: perRegion.flat(), coverage };
}

/** The KMS write events of one listed (account, region), with the window they cover. */
export function collectRegionTrail(
  listing: RegionListing,
  pool: ClientPool,
  window: TrailWindow,
  signal: AbortSignal,
): ReturnType<typeof collectTrailEvents> {
  const aliases = new Map<string, string>();
  for (const alias of listing.aliases)
    if (alias.targetKeyId) aliases.set(alias.name, alias.targetKeyId);
  return collectTrailEvents({
    client: pool.cloudtrail(listing.account, listing.region),
    account: listing.account,
    region: listing.region,
    window,
    signal,
    aliases,
  });
}

/** The window the trail covered in one region; a region that was not listed was not looked up. */
export function trailCoverageOf(
  trail: TrailOutcome,
  region: { account: string; region: string; status: string },
): TrailCoverage {
  if (!trail.enabled) return { status: "skipped", reason: "trail disabled (--no-trail)" };
  return (
    trail.coverage.get(coverageKey(region.account, region.region)) ?? {
      status: "skipped",
      reason: `region ${region.status}`,
    }
  );
}

/**
 * Attribute: each finding gets the events that can explain it, from this scan's window and the
 * previous snapshot's events (`carried`).
 */
export function attributeStage(
  findings: Finding[],
  trail: TrailOutcome,
  carried: readonly TrailEvent[],
  families: readonly Family[],
): Finding[] {
  if (!trail.enabled)
    return findings.map((f) => ({
      ...f,
      attributionNote: "CloudTrail attribution disabled (--no-trail)",
    }));
  return attributeFindings(findings, [...trail.events, ...carried], families, trail.coverage);
}

/** The events this scan collected; none when the trail was off. */
export function collectedEvents(trail: TrailOutcome): TrailEvent[] {
  return trail.enabled ? trail.events : [];
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
