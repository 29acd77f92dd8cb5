import { describe, expect, it } from "vitest";
import { toStorableJson, toStorableText } from "./storable-json";
import { describeReplacements, MAX_STORAGE_NOTES } from "./storage-notes";
import { makeSnapshot } from "./test-fixtures";

describe("toStorableJson", () => {
  it("passes a value with nothing to replace through untouched", () => {
    const value = { a: "tab\there", b: ["\uD83D\uDE00", "literally \\u0000"], c: 1 };
    const result = toStorableJson(value);
    expect(result.value).toBe(value);
    expect(result.text).toBe(JSON.stringify(value));
    expect(result.replacements).toEqual([]);
  });

  it("replaces U+0000 and lone surrogates in values and names, and says where", () => {
    const result = toStorableJson({
      list: ["ok", "a\u0000b\u0000"],
      nested: { "k\uDC00": "\uDBFF!" },
      pair: "\uD800\uDC00",
    });
    expect(result.value).toEqual({
      list: ["ok", "a\uFFFDb\uFFFD"],
      nested: { "k\uFFFD": "\uFFFD!" },
      pair: "\uD800\uDC00",
    });
    expect(JSON.parse(result.text)).toEqual(result.value);
    expect(result.replacements).toEqual([
      { path: ["list", 1], inName: false, loneSurrogates: 0, nulCharacters: 2 },
      { path: ["nested", "k\uFFFD"], inName: true, loneSurrogates: 1, nulCharacters: 0 },
      { path: ["nested", "k\uFFFD"], inName: false, loneSurrogates: 1, nulCharacters: 0 },
    ]);
  });

  it("keeps two names that differ only in replaced characters apart, and __proto__ as data", () => {
    const parsed: unknown = JSON.parse('{"a\\u0000":1,"a\\ud800":2,"__proto__":{"x":"\\u0000"}}');
    const result = toStorableJson(parsed);
    expect(result.text).toBe('{"a\uFFFD":1,"a\uFFFD (2)":2,"__proto__":{"x":"\uFFFD"}}');
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });

  it("cleans plain text for text columns the same way", () => {
    expect(toStorableText("reason\u0000 \uD800")).toBe("reason\uFFFD \uFFFD");
    expect(toStorableText("plain")).toBe("plain");
  });
});

describe("describeReplacements", () => {
  it("caps the notes and counts the rest", () => {
    const snapshot = makeSnapshot();
    const replacements = Array.from({ length: MAX_STORAGE_NOTES + 3 }, (_, i) => ({
      path: ["parameters", "regions", i],
      inName: false,
      loneSurrogates: 0,
      nulCharacters: 1,
    }));
    const notes = describeReplacements(snapshot, replacements);
    expect(notes).toHaveLength(MAX_STORAGE_NOTES + 1);
    expect(notes[0]).toBe("snapshot, parameters.regions[0]: 1 NUL character replaced with U+FFFD");
    expect(notes.at(-1)).toBe("…and 3 more places where characters were replaced with U+FFFD");
  });
});
