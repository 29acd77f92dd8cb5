import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One copy of each string that AWS's answers repeat across keys and events: every parsed answer is
 * a fresh copy of `SYMMETRIC_DEFAULT`, `kms:Decrypt`, a principal ARN or an SDK user agent, and a
 * scan of 100,000 keys keeps about a quarter of its heap in such duplicates. Sharing a string
 * changes no value, only how many copies the heap holds.
 *
 * Each scan owns its table (`withSharedStrings`), emptied when the scan ends and bounded, so two
 * scans in one process (the dashboard's scan service, tests) never share one and a long-running
 * dashboard never keeps a past scan's strings. The parsers deep in the read and trail stages find
 * the table of the scan they run for through the async context the scan entered; outside a scan
 * nothing is shared or kept.
 */
const MAX_ENTRIES = 500_000;

export interface SharedStrings {
  /** The table's copy of `text` (added when there is room). */
  share(text: string): string;
  readonly size: number;
  clear(): void;
}

export function createSharedStrings(maxEntries = MAX_ENTRIES): SharedStrings {
  const table = new Map<string, string>();
  return {
    share(text) {
      const known = table.get(text);
      if (known !== undefined) return known;
      if (table.size < maxEntries) table.set(text, text);
      return text;
    },
    get size() {
      return table.size;
    },
    clear: () => table.clear(),
  };
}

const scanStrings = new AsyncLocalStorage<SharedStrings>();

/** Runs one scan with a table of its own, emptied when it ends. */
export async function withSharedStrings<T>(scan: () => Promise<T>): Promise<T> {
  const strings = createSharedStrings();
  try {
    return await scanStrings.run(strings, scan);
  } finally {
    // Sockets and timers the scan created keep its async context (and so this table) alive a while.
    strings.clear();
  }
}

/** The table of the scan this code runs for, if any. */
export function currentSharedStrings(): SharedStrings | undefined {
  return scanStrings.getStore();
}

/** The running scan's copy of `text`; `text` itself outside a scan. */
export function sharedString(text: string): string {
  return scanStrings.getStore()?.share(text) ?? text;
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container =>
  typeof value === "object" && value !== null;

/**
 * Replaces, in place, every string inside a value freshly parsed from JSON (a key policy, a
 * CloudTrail record's request parameters, where a key's policy text recurs in every event that set
 * it) with the running scan's shared copy; returns the value. Iterative: a deeply nested answer
 * must not exhaust the stack.
 */
export function shareStringsIn<T>(value: T): T {
  const strings = scanStrings.getStore();
  if (strings === undefined || !isContainer(value)) return value;
  const pending: Container[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const container = next;
    const keys = Array.isArray(container) ? container.keys() : Object.keys(container);
    for (const key of keys) {
      const member: unknown = (container as Record<string | number, unknown>)[key];
      if (typeof member === "string")
        (container as Record<string | number, unknown>)[key] = strings.share(member);
      else if (isContainer(member)) pending.push(member);
    }
  }
  return value;
}
