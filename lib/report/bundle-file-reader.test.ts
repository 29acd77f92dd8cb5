import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../domain/canonical-json";
import { makeSnapshot } from "../store/test-fixtures";
import { createBundle } from "./bundle";
import { canonicalJsonChunks, LazyArray } from "./bundle-json";
import { readJsonFile } from "./bundle-file-reader";
import { toSafeJson } from "./control-chars";
import { fullSnapshot } from "./test-export-fixtures";
import { assessBundle, assessBundleFile } from "./verify-bundle";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const bundle = createBundle({
  snapshot: fullSnapshot("f-1", "2026-11-21T08:00:00.000Z", 16),
  comparison: null,
  createdAt: new Date("2026-11-24T09:00:00.000Z"),
  signingKey: privateKey,
});
const fileText = `${toSafeJson(bundle)}\n`;

async function canonicalOf(value: unknown): Promise<string> {
  let text = "";
  for await (const chunk of canonicalJsonChunks(value)) text += chunk;
  return text;
}

describe("reading a bundle file in pieces", () => {
  it("splits what is longer than the limit and reads back the same JSON", async () => {
    const read = readJsonFile(Buffer.from(fileText), 256) as {
      parts: { snapshot: { keys: unknown } };
    };
    expect(read.parts.snapshot.keys).toBeInstanceOf(LazyArray);
    expect(await canonicalOf(read)).toBe(canonicalJson(JSON.parse(fileText)));
  });

  it("verifies as the whole text does, and refuses a tampered key the same way", async () => {
    const trust = { publicKeys: [publicKey] };
    expect(await assessBundleFile(readJsonFile(Buffer.from(fileText), 256), trust)).toEqual(
      assessBundle(JSON.parse(fileText), trust),
    );
    expect(assessBundle(JSON.parse(fileText), trust).status).toBe("verified");
    const tampered = fileText.replace('"keyId": "00003-', '"keyId": "00004-');
    expect(tampered).not.toBe(fileText);
    expect(await assessBundleFile(readJsonFile(Buffer.from(tampered), 256), trust)).toEqual({
      status: "invalid",
      problems: ['part "snapshot" does not match its digest'],
    });
  });

  it("keeps a member named __proto__ as data, as JSON.parse does", async () => {
    const text = '{"a": [1, {"__proto__": {"x": 1}, "b": "\\"]}"}], "__proto__": 2}';
    const read = readJsonFile(Buffer.from(text), 4);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(await canonicalOf(read)).toBe(canonicalJson(JSON.parse(text)));
  });

  it.each([
    ["a truncated file", fileText.slice(0, -40)],
    ["a missing comma", '{"a": [1 2]}'],
    ["a wrong closer", '{"a": [1, 2}'],
    ["text after the value", '{"a": [1, 2]} x'],
    ["nothing", "  "],
  ])("refuses %s as JSON.parse does", (_what, text) => {
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(() => readJsonFile(Buffer.from(text), 4)).toThrow(SyntaxError);
  });

  it("refuses an element that is not JSON when it is read", async () => {
    const read = readJsonFile(Buffer.from('{"a": [1, tru]}'), 4);
    await expect(canonicalOf(read)).rejects.toThrow(SyntaxError);
  });

  it("parses a short file whole", () => {
    const small = makeSnapshot({ id: "s" });
    expect(readJsonFile(Buffer.from(JSON.stringify(small)))).toEqual(small);
  });
});
