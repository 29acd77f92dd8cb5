import type { Event as LookupEvent } from "@aws-sdk/client-cloudtrail";
import type { TrailCoverage } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import { requestLookupPage, type LookupClient } from "./lookup-page";
import { advanceStream, coveredFromMs, createStreams, pickStream } from "./lookup-streams";
import { createLookupPacer, sleepFor, type Pacer } from "./pacer";
import { parseLookupEvent } from "./parse-record";
import type { AliasMap } from "./record-keys";
import { sortNewestFirst } from "./sort-events";
import { KMS_EVENT_SOURCE, WRITE_EVENT_NAMES } from "./write-events";

/** Default request budget per (account, region): ~9 minutes at 2 requests per 1.1 s. */
export const DEFAULT_MAX_LOOKUPS = 500;
/** Consecutive throttled requests before the region is given up. */
const MAX_THROTTLE_RETRIES = 5;
const THROTTLE_BASE_MS = 1_000;
const THROTTLE_CAP_MS = 8_000;

export interface CollectTrailOptions {
  client: LookupClient;
  account: string;
  region: string;
  window: { from: Date; to: Date };
  maxRequests?: number;
  pacer?: Pacer;
  signal?: AbortSignal;
  /** alias name → key id in this account and region, to resolve alias references in records. */
  aliases?: AliasMap;
  /** Test hook: the throttling back-off's sleep. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CollectTrailResult {
  /** KMS write events in this region, newest first, deduplicated by eventId. */
  events: TrailEvent[];
  coverage: TrailCoverage;
  /** LookupEvents requests sent (throttled ones and the SDK's own retries included). */
  lookups: number;
  /** Records skipped because their CloudTrailEvent was missing or unreadable. */
  malformed: number;
}

interface Collected {
  events: Map<string, TrailEvent>;
  malformed: number;
}

function absorbEvents(
  collected: Collected,
  page: LookupEvent[],
  options: CollectTrailOptions,
): number[] {
  const times: number[] = [];
  for (const envelope of page) {
    if (envelope.EventTime) times.push(envelope.EventTime.getTime());
    const parsed = parseLookupEvent(envelope, options);
    if (parsed.kind === "malformed") {
      collected.malformed += 1;
      continue;
    }
    times.push(Date.parse(parsed.event.eventTime));
    // Event names such as TagResource, CreateGrant, CreateAlias are shared with other services.
    if (parsed.eventSource !== KMS_EVENT_SOURCE) continue;
    collected.events.set(parsed.event.eventId, parsed.event);
  }
  return times;
}

function throttleDelayMs(streak: number): number {
  return Math.min(THROTTLE_BASE_MS * 2 ** (streak - 1), THROTTLE_CAP_MS);
}

/**
 * Collects the KMS write events of one (account, region) in the window. Never throws: a failing
 * region comes back as `{status: "error"}` with no events, a budget or abort cut as
 * `{status: "truncated"}` with the window actually covered.
 */
export async function collectTrailEvents(
  options: CollectTrailOptions,
): Promise<CollectTrailResult> {
  const { window, signal } = options;
  const budget = options.maxRequests ?? DEFAULT_MAX_LOOKUPS;
  const pacer = options.pacer ?? createLookupPacer();
  const sleep = options.sleep ?? sleepFor;
  const fromMs = window.from.getTime();
  const toMs = window.to.getTime();
  const streams = createStreams(WRITE_EVENT_NAMES);
  const collected: Collected = { events: new Map(), malformed: 0 };
  let lookups = 0;
  let throttleStreak = 0;
  let cut: string | undefined;

  for (let stream = pickStream(streams, toMs); stream; stream = pickStream(streams, toMs)) {
    if (signal?.aborted) cut = "lookups aborted";
    else if (lookups >= budget) cut = `request budget of ${budget} LookupEvents calls reached`;
    if (cut) break;
    const outcome = await requestLookupPage(
      options.client,
      {
        eventName: stream.eventName,
        from: window.from,
        to: window.to,
        nextToken: stream.nextToken,
      },
      pacer,
      signal,
    );
    lookups += outcome.attempts;
    if (outcome.kind === "aborted") {
      cut = "lookups aborted";
      break;
    }
    if (outcome.kind === "failed") {
      return {
        events: [],
        coverage: { status: "error", reason: outcome.reason },
        lookups,
        malformed: 0,
      };
    }
    if (outcome.kind === "throttled") {
      throttleStreak += 1;
      if (throttleStreak > MAX_THROTTLE_RETRIES) {
        const reason = `still throttled after ${MAX_THROTTLE_RETRIES} retries (${outcome.reason})`;
        return { events: [], coverage: { status: "error", reason }, lookups, malformed: 0 };
      }
      await sleep(throttleDelayMs(throttleStreak));
      continue;
    }
    throttleStreak = 0;
    const times = absorbEvents(collected, outcome.output.Events ?? [], options);
    advanceStream(stream, { eventTimesMs: times, nextToken: outcome.output.NextToken });
  }

  const events = sortNewestFirst([...collected.events.values()]);
  const base = { to: window.to.toISOString(), lookups, events: events.length };
  const coverage: TrailCoverage = cut
    ? {
        status: "truncated",
        from: new Date(Math.min(coveredFromMs(streams, fromMs, toMs), toMs)).toISOString(),
        ...base,
        reason: cut,
      }
    : { status: "ok", from: window.from.toISOString(), ...base };
  return { events, coverage, lookups, malformed: collected.malformed };
}
