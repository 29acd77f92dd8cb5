/**
 * Lookup planning. One stream per KMS write event name (`AttributeKey: EventName`), each paged
 * newest first. The request count is (number of names) + (write events of those names / 50), so it
 * never grows with Decrypt/Encrypt volume. The alternatives are worse: `EventSource=kms` pages
 * through every read event, and `ReadOnly=false` pages through every other service's writes.
 */
export interface LookupStream {
  eventName: string;
  started: boolean;
  done: boolean;
  nextToken?: string;
  /** Epoch ms of the oldest event seen so far: the stream is complete from here to the window's end. */
  oldestMs?: number;
}

export function createStreams(eventNames: readonly string[]): LookupStream[] {
  return eventNames.map((eventName) => ({ eventName, started: false, done: false }));
}

/** How far back a stream is known complete (its frontier); an unstarted stream covers nothing. */
function frontierMs(stream: LookupStream, toMs: number): number {
  return stream.started ? (stream.oldestMs ?? toMs) : toMs;
}

/**
 * The next stream to page: every stream's first page, then the unfinished stream whose frontier is
 * newest. Under a request budget that walks all streams back in time together, so a cut leaves the
 * widest window [frontier, to] in which every write event name is complete.
 */
export function pickStream(
  streams: readonly LookupStream[],
  toMs: number,
): LookupStream | undefined {
  const unstarted = streams.find((stream) => !stream.started);
  if (unstarted) return unstarted;
  let best: LookupStream | undefined;
  for (const stream of streams) {
    if (stream.done) continue;
    if (!best || frontierMs(stream, toMs) > frontierMs(best, toMs)) best = stream;
  }
  return best;
}

/** The start of the window in which every stream is complete (the window's start when all are). */
export function coveredFromMs(
  streams: readonly LookupStream[],
  fromMs: number,
  toMs: number,
): number {
  let covered = fromMs;
  for (const stream of streams) {
    if (!stream.done) covered = Math.max(covered, frontierMs(stream, toMs));
  }
  return covered;
}

/** Records a page: where the stream now reaches and whether it is finished. */
export function advanceStream(
  stream: LookupStream,
  page: { eventTimesMs: number[]; nextToken?: string },
): void {
  const previousToken = stream.nextToken;
  stream.started = true;
  for (const time of page.eventTimesMs) {
    if (Number.isFinite(time)) stream.oldestMs = Math.min(stream.oldestMs ?? time, time);
  }
  stream.nextToken = page.nextToken;
  // No NextToken means the last page; a repeated token would loop forever, so it ends the stream too.
  stream.done = !page.nextToken || page.nextToken === previousToken;
}
