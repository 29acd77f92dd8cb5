/** A History API write: the filters' URL, as a new entry (`push`) or in place of the current one. */
export interface HistoryWrite {
  href: string;
  mode: "push" | "replace";
}

/** The part of `window.history` the writes use. */
export type HistoryTarget = Pick<History, "pushState" | "replaceState">;

/**
 * History API writes held back, then made in order. Next.js turns each History API write into a
 * router transition (that is how useSearchParams catches up), and that transition renders the app
 * again: made in the click's task, it ran beside the filter's request and, on two cores, took CPU
 * from the server answering it (issue 14). The families view makes its writes once the rows they
 * record are painted.
 */
export class DeferredHistory {
  private queue: HistoryWrite[] = [];

  constructor(private readonly history: HistoryTarget) {}

  /** Writes not made yet. */
  get pending(): readonly HistoryWrite[] {
    return this.queue;
  }

  /**
   * Queues `write`. A replace after a queued write takes that write's place and keeps its mode:
   * the history ends as it would have with both made, in one write instead of two.
   */
  add(write: HistoryWrite): void {
    const last = this.queue.at(-1);
    if (write.mode === "replace" && last)
      this.queue[this.queue.length - 1] = { ...last, href: write.href };
    else this.queue.push(write);
  }

  /** Makes the queued writes, oldest first. */
  flush(): void {
    const writes = this.queue;
    this.queue = [];
    for (const { href, mode } of writes)
      if (mode === "push") this.history.pushState(null, "", href);
      else this.history.replaceState(null, "", href);
  }

  /** Forgets the queued writes; true when there were some. */
  drop(): boolean {
    const had = this.queue.length > 0;
    this.queue = [];
    return had;
  }
}
