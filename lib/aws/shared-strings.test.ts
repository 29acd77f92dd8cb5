import { describe, expect, it } from "vitest";
import { releaseSharedStrings, sharedString, shareStringsIn } from "./shared-strings";

describe("shareStringsIn", () => {
  it("leaves every value of a parsed answer as it was", () => {
    const text = JSON.stringify({
      Statement: [{ Effect: "Allow", Action: ["kms:Decrypt", "kms:Decrypt"], Resource: "*" }],
      __proto__: "kept as an own member",
      n: 1,
      nothing: null,
      yes: true,
    });
    const value: unknown = JSON.parse(text);
    expect(shareStringsIn(value)).toBe(value);
    expect(JSON.stringify(value)).toBe(text);
    expect(value).toEqual(JSON.parse(text));
    releaseSharedStrings();
  });

  it("walks an answer nested deeper than the stack allows a recursion to go", () => {
    const depth = 200_000;
    const value: unknown = JSON.parse(`${"[".repeat(depth)}"deep"${"]".repeat(depth)}`);
    expect(() => shareStringsIn(value)).not.toThrow();
    let inner: unknown = value;
    for (let i = 0; i < depth; i++) inner = (inner as unknown[])[0];
    expect(inner).toBe("deep");
    releaseSharedStrings();
  });

  it("returns the text it was given, whatever the table holds", () => {
    expect(sharedString("kms:Decrypt")).toBe("kms:Decrypt");
    expect(sharedString(["kms", "Decrypt"].join(":"))).toBe("kms:Decrypt");
    releaseSharedStrings();
    expect(sharedString("kms:Encrypt")).toBe("kms:Encrypt");
    releaseSharedStrings();
  });
});
