import { describe, expect, it } from "vitest";
import { toSafeJson } from "./control-chars";
import { safeJsonChunks } from "./safe-json-chunks";

const joined = (value: unknown) => [...safeJsonChunks(value)].join("");

describe("safeJsonChunks", () => {
  it("writes exactly what toSafeJson writes, piece by piece", () => {
    const value = {
      schemaVersion: 1,
      empty: [],
      nothing: undefined,
      when: new Date("2026-11-20T12:00:00Z"),
      keys: [
        { arn: "arn:aws:kms:us-east-1:111122223333:key/a", tags: { note: "evil\u001b[31m\u202e" } },
        { policy: { Statement: [{ Effect: "Allow", Action: ["kms:*"] }] }, gone: undefined },
        undefined,
        [1, [2, 3]],
      ],
      summary: { keys: 2, bySeverity: { high: 1 } },
      nested: { list: [{ a: 1 }, { b: [] }] },
      last: "x\u0085y",
    };
    expect(joined(value)).toBe(toSafeJson(value));
    for (const other of [{}, [], [1, { a: [2] }], "text\u009b", 3, null, { only: [] }])
      expect(joined(other)).toBe(toSafeJson(other));
  });

  it("never builds one string of the whole: each piece is at most one array element", () => {
    const element = { text: "k".repeat(1_000) };
    const pieces = [...safeJsonChunks({ keys: Array.from({ length: 500 }, () => element) })];
    const total = pieces.reduce((n, p) => n + p.length, 0);
    expect(total).toBeGreaterThan(500_000);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(1_100);
  });
});
