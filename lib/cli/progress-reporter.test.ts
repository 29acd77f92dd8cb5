import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ScanProgress } from "../scan/types";
import { createProgressReporter, describeProgress } from "./progress-reporter";

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

const base: ScanProgress = {
  phase: "read",
  accountsDone: 0,
  accountsTotal: 200,
  regionsDone: 0,
  regionsTotal: 3600,
  keysRead: 0,
  keysTotal: 100_000,
  calls: 0,
  throttles: 0,
  etaMs: null,
};

describe("the CLI's progress", () => {
  it("shows accounts, regions, keys and an ETA in hours, minutes or seconds", () => {
    expect(
      describeProgress({
        ...base,
        accountsDone: 12,
        regionsDone: 340,
        keysRead: 5_000,
        etaMs: 4_500_000,
      }),
    ).toBe(
      "read · accounts 12/200 · regions 340/3600 · keys 5000/100000 · 0 calls · 0 throttled · eta 1h15m",
    );
    expect(describeProgress({ ...base, etaMs: 198_000 })).toMatch(/ · eta 3m18s$/);
    expect(describeProgress({ ...base, accountsTotal: 1, etaMs: 9_200 })).toBe(
      "read · regions 0/3600 · keys 0/100000 · 0 calls · 0 throttled · eta 10s",
    );
  });

  it("writes at most a line per tenth of the regions and of the accounts off a terminal", async () => {
    const out = capture();
    const reporter = createProgressReporter(out.stream, false);
    for (let region = 1; region <= 3600; region++)
      reporter.report({ ...base, regionsDone: region, accountsDone: Math.floor(region / 18) });
    reporter.report({ ...base, phase: "trail", regionsDone: 3600, accountsDone: 200 });
    reporter.finish();
    await new Promise((resolve) => setImmediate(resolve));
    const lines = out.text().trim().split("\n");
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.length).toBeGreaterThanOrEqual(10);
    expect(lines.at(-1)).toBe(
      "kms-drift: trail · accounts 200/200 · regions 3600/3600 · keys 0/100000 · 0 calls · 0 throttled",
    );
  });
});
