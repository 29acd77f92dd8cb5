import type { TrailEvent } from "../domain/trail-event";

function compareOldestFirst(a: TrailEvent, b: TrailEvent): number {
  const byTime = Date.parse(a.eventTime) - Date.parse(b.eventTime);
  if (byTime !== 0) return byTime;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

export function sortOldestFirst(events: readonly TrailEvent[]): TrailEvent[] {
  return [...events].sort(compareOldestFirst);
}

export function sortNewestFirst(events: readonly TrailEvent[]): TrailEvent[] {
  return [...events].sort((a, b) => compareOldestFirst(b, a));
}

/** Merges event lists (e.g. one per region) keeping the first copy of each eventId. */
export function dedupeTrailEvents(events: readonly TrailEvent[]): TrailEvent[] {
  const byId = new Map<string, TrailEvent>();
  for (const event of events) if (!byId.has(event.eventId)) byId.set(event.eventId, event);
  return [...byId.values()];
}
