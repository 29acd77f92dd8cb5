import { describe, expect, it } from "vitest";
import { firstLineOf } from "./first-line";

describe("firstLineOf", () => {
  it("keeps an error's first line, trimmed", () => {
    expect(firstLineOf(new Error("  connect ECONNREFUSED 127.0.0.1:5432\n    at stack"), "x")).toBe(
      "connect ECONNREFUSED 127.0.0.1:5432",
    );
  });
  it("takes thrown non-errors as text", () => {
    expect(firstLineOf("denied\nmore", "x")).toBe("denied");
  });
  it("falls back when the message is blank", () => {
    expect(firstLineOf(new Error(""), "scan failed")).toBe("scan failed");
    expect(firstLineOf(new Error("\nsecond line"), "failed")).toBe("failed");
  });
});
