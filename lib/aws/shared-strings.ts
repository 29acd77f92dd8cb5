/**
 * One copy of each string that AWS's answers repeat across keys and events: every parsed answer is
 * a fresh copy of `SYMMETRIC_DEFAULT`, `kms:Decrypt`, a principal ARN or an SDK user agent, and a
 * scan of 100,000 keys keeps about a quarter of its heap in such duplicates. Sharing a string
 * changes no value, only how many copies the heap holds.
 *
 * The table lives while a scan runs (`releaseSharedStrings` when it ends) and is bounded, so a
 * long-running dashboard never keeps a past scan's strings.
 */
const MAX_ENTRIES = 500_000;
let table = new Map<string, string>();

/** The table's copy of `text` (added when there is room). */
export function sharedString(text: string): string {
  const known = table.get(text);
  if (known !== undefined) return known;
  if (table.size < MAX_ENTRIES) table.set(text, text);
  return text;
}

export function releaseSharedStrings(): void {
  table = new Map();
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container =>
  typeof value === "object" && value !== null;

/**
 * Replaces, in place, every string inside a value freshly parsed from JSON (a key policy, a
 * CloudTrail record's request parameters, where a key's policy text recurs in every event that set
 * it) with its shared copy; returns the value. Iterative: a deeply nested answer must not exhaust
 * the stack.
 */
export function shareStringsIn<T>(value: T): T {
  if (!isContainer(value)) return value;
  const pending: Container[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const container = next;
    const keys = Array.isArray(container) ? container.keys() : Object.keys(container);
    for (const key of keys) {
      const member: unknown = (container as Record<string | number, unknown>)[key];
      if (typeof member === "string")
        (container as Record<string | number, unknown>)[key] = sharedString(member);
      else if (isContainer(member)) pending.push(member);
    }
  }
  return value;
}
