import { describe, expect, it } from "vitest";
import { neutraliseControlChars, toSafeJson } from "./control-chars";

const EVERY_UNSAFE = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x061c,
  0x200e,
  0x200f,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((code) => String.fromCharCode(code));

describe("neutraliseControlChars", () => {
  it("replaces C0, DEL, C1 and bidi controls with visible escapes", () => {
    const out = neutraliseControlChars(EVERY_UNSAFE.join(""));
    expect(out).toMatch(/^[\x20-\x7e]+$/);
    expect(out.startsWith("\\x00\\x01")).toBe(true);
    expect(out).toContain("\\x1B\\x1C");
    expect(out).toContain("\\x7F\\x80");
    expect(out.endsWith("\\u202E\\u2066\\u2067\\u2068\\u2069")).toBe(true);
    expect(neutraliseControlChars("\u001b[2J")).toBe("\\x1B[2J");
  });

  it("keeps what the caller needs and leaves other text alone", () => {
    expect(neutraliseControlChars("a\tb\nc\rd", { keep: "\t\n" })).toBe("a\tb\nc\\x0Dd");
    const text = "Zürich 東京 ‘quoted’ — émoji 🔑 \u00a0nbsp";
    expect(neutraliseControlChars(text)).toBe(text);
  });
});

describe("toSafeJson", () => {
  it("escapes DEL, C1 and bidi controls that JSON.stringify leaves raw, losslessly", () => {
    const value = { description: EVERY_UNSAFE.join(""), nested: ["\u202egnp.exe"] };
    const text = toSafeJson(value);
    expect(text).toMatch(/^[\x20-\x7e\n]+$/);
    expect(text).toContain('"\\u202egnp.exe"');
    expect(JSON.parse(text)).toEqual(value);
  });
});
