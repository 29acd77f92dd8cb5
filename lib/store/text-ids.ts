/**
 * Numbers texts in the order they are first seen, so that a text many rows share is stored once
 * and the rows refer to it by number. It remembers at most `capacity` texts: when full it forgets
 * them all, and a text seen again after that gets a new number (stored once more, still read back
 * right), so a snapshot where every text differs costs bounded memory.
 */
export class TextIds {
  private readonly ids = new Map<string, number>();
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error(`TextIds: capacity ${capacity} is not a positive integer`);
  }

  /** The text's number, and whether it is new: a new text must be stored under its number. */
  idOf(text: string): { id: number; fresh: boolean } {
    const known = this.ids.get(text);
    if (known !== undefined) return { id: known, fresh: false };
    if (this.ids.size >= this.capacity) this.ids.clear();
    const id = this.next;
    this.next += 1;
    this.ids.set(text, id);
    return { id, fresh: true };
  }
}
