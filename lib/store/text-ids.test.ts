import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TextIds } from "./text-ids";

describe("TextIds", () => {
  it("gives a text seen again the number it got first, and only the first time as new", () => {
    const texts = new TextIds(10);
    expect(texts.idOf("a")).toEqual({ id: 0, fresh: true });
    expect(texts.idOf("b")).toEqual({ id: 1, fresh: true });
    expect(texts.idOf("a")).toEqual({ id: 0, fresh: false });
    expect(texts.idOf("b")).toEqual({ id: 1, fresh: false });
  });

  it("forgets every text once it holds `capacity`, and numbers a forgotten one anew", () => {
    const texts = new TextIds(2);
    texts.idOf("a");
    texts.idOf("b");
    expect(texts.idOf("c")).toEqual({ id: 2, fresh: true });
    expect(texts.idOf("a")).toEqual({ id: 3, fresh: true });
    expect(texts.idOf("c")).toEqual({ id: 2, fresh: false });
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new TextIds(0)).toThrow("capacity 0 is not a positive integer");
    expect(() => new TextIds(1.5)).toThrow("capacity 1.5 is not a positive integer");
  });

  it("stores every text it numbers, under a number no other text has, at any capacity", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "b", "c", "d", "e"), { maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (sequence, capacity) => {
          const texts = new TextIds(capacity);
          // What a reader finds under each number: the text stored when it was new.
          const stored = new Map<number, string>();
          for (const text of sequence) {
            const { id, fresh } = texts.idOf(text);
            if (fresh) {
              expect(stored.has(id)).toBe(false);
              stored.set(id, text);
            }
            expect(stored.get(id)).toBe(text);
          }
          // Each text is stored once while no more distinct texts than the capacity were seen.
          if (new Set(sequence).size <= capacity) expect(stored.size).toBe(new Set(sequence).size);
        },
      ),
    );
  });
});
