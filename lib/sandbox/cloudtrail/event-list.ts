/** One recorded event as the store keeps it. */
export interface StoredEvent {
  /** Global insertion order: breaks ties between events of the same second. */
  seq: number;
  /** Epoch ms, whole seconds. */
  time: number;
  eventId: string;
  eventName: string;
  readOnly: boolean;
  accessKeyId?: string;
  username?: string;
  eventSource: string;
  resources: { ResourceType: string; ResourceName: string }[];
  /** Builds the full record; run (then dropped) by the first lookup that returns the event. */
  build?: () => Record<string, unknown>;
  json?: string;
}

/** The record as LookupEvents' `CloudTrailEvent` string; the object is dropped once serialized. */
export function readEventJson(event: StoredEvent): string {
  if (event.json === undefined) {
    event.json = JSON.stringify(event.build?.() ?? {});
    event.build = undefined;
  }
  return event.json;
}

export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return a.time - b.time || a.seq - b.seq;
}

/**
 * Events in (time, seq) order. Appends are O(1); an append out of order (a world builder writing
 * history after live calls) only marks the list for one sort before the next lookup.
 */
export class EventList {
  private items: StoredEvent[] = [];
  private sorted = true;

  get length(): number {
    return this.items.length;
  }

  push(event: StoredEvent): void {
    const last = this.items[this.items.length - 1];
    if (last && compareEvents(last, event) > 0) this.sorted = false;
    this.items.push(event);
  }

  /** The ordered events (sorting once if needed). */
  view(): readonly StoredEvent[] {
    if (!this.sorted) {
      this.items.sort(compareEvents);
      this.sorted = true;
    }
    return this.items;
  }
}

/** Index of the first event strictly after (time, seq) in an ordered list. */
export function upperBound(items: readonly StoredEvent[], time: number, seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const probe = items[mid];
    if (probe !== undefined && (probe.time < time || (probe.time === time && probe.seq <= seq)))
      lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
