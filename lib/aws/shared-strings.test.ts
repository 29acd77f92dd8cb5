import { describe, expect, it } from "vitest";
import {
  currentSharedStrings,
  sharedString,
  shareStringsIn,
  withSharedStrings,
  type SharedStrings,
} from "./shared-strings";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("shareStringsIn", () => {
  it("leaves every value of a parsed answer as it was", async () => {
    const text = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:Decrypt"], Resource: "*" }],
      __proto__: "kept as an own member",
      n: 1,
      nothing: null,
      yes: true,
    });
    const value: unknown = JSON.parse(text);
    await withSharedStrings(async () => {
      expect(shareStringsIn(value)).toBe(value);
      // Allow, kms:Decrypt and *: one entry each, however often they recur.
      expect(currentSharedStrings()?.size).toBe(3);
    });
    expect(JSON.stringify(value)).toBe(text);
    expect(value).toEqual(JSON.parse(text));
  });

  it("walks an answer nested deeper than the stack allows a recursion to go", async () => {
    const depth = 200_000;
    const value: unknown = JSON.parse(`${"[".repeat(depth)}"deep"${"]".repeat(depth)}`);
    await withSharedStrings(async () => {
      expect(() => shareStringsIn(value)).not.toThrow();
    });
    let inner: unknown = value;
    for (let i = 0; i < depth; i++) inner = (inner as unknown[])[0];
    expect(inner).toBe("deep");
  });
});

describe("a scan's own table of shared strings", () => {
  it("is not shared by two scans running at once, and is emptied when its scan ends", async () => {
    const seen: SharedStrings[] = [];
    const scan = (texts: string[]) =>
      withSharedStrings(async () => {
        const table = currentSharedStrings();
        if (table === undefined) throw new Error("no table inside a scan");
        seen.push(table);
        for (const text of texts) {
          expect(sharedString(text)).toBe(text);
          await tick();
        }
        return table.size;
      });
    const sizes = await Promise.all([
      scan(["kms:Decrypt", "kms:Encrypt", "kms:Decrypt"]),
      scan(["alias/a", "alias/b", "alias/c", "alias/d"]),
    ]);
    expect(sizes).toEqual([2, 4]);
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen.map((table) => table.size)).toEqual([0, 0]);
  });

  it("keeps nothing outside a scan", async () => {
    expect(currentSharedStrings()).toBeUndefined();
    expect(sharedString("kms:Decrypt")).toBe("kms:Decrypt");
    const value = { Action: "kms:Decrypt" };
    expect(shareStringsIn(value)).toBe(value);
    expect(currentSharedStrings()).toBeUndefined();
  });
});
