import { describe, expect, it } from "vitest";
import type { ScanProgress } from "../domain/scan-progress";
import { describeScanProgress, formatEta } from "./scan-status";

function progress(over: Partial<ScanProgress> = {}): ScanProgress {
  return {
    phase: "read",
    accountsDone: 10,
    accountsTotal: 190,
    regionsDone: 2584,
    regionsTotal: 3230,
    keysRead: 44812,
    keysTotal: 89625,
    calls: 212345,
    throttles: 7,
    etaMs: 240_000,
    ...over,
  };
}

describe("formatEta", () => {
  it.each([
    [0, "less than a second left"],
    [1, "about 1 s left"],
    [999, "about 1 s left"],
    [40_200, "about 41 s left"],
    [59_000, "about 59 s left"],
    [60_000, "about 1 min left"],
    [89_000, "about 1 min left"],
    [90_000, "about 2 min left"],
    [240_000, "about 4 min left"],
    [3_569_000, "about 59 min left"],
    [3_570_000, "about 1 h left"],
    [4_800_000, "about 1 h 20 min left"],
    [7_200_000, "about 2 h left"],
  ])("%i ms is %s", (ms, text) => {
    expect(formatEta(ms)).toBe(text);
  });
});

describe("describeScanProgress", () => {
  it("gives the phase, accounts, regions and keys done of their totals, calls, throttles and the ETA", () => {
    expect(describeScanProgress(progress())).toEqual({
      percent: 52,
      valueText: "read, 52%",
      line: "reading keys · accounts 10/190 · regions 2,584/3,230 · keys 44,812/89,625 · 212,345 calls · 7 throttled · about 4 min left",
      eta: "about 4 min left",
    });
  });

  it("says the ETA is being estimated while etaMs is null, up to and in the key reads", () => {
    for (const phase of ["identity", "discover", "list", "read"] as const)
      expect(describeScanProgress(progress({ phase, etaMs: null })).eta).toBe("estimating…");
  });

  it("says the scan is finishing after the key reads, when the ETA no longer applies", () => {
    for (const phase of ["trail", "detect"] as const)
      expect(describeScanProgress(progress({ phase, etaMs: null })).eta).toBe("finishing…");
  });

  it("is 100% and done when the scan is done", () => {
    const view = describeScanProgress(progress({ phase: "done", etaMs: 0 }));
    expect(view).toMatchObject({ percent: 100, valueText: "done, 100%", eta: "done" });
    expect(view.line).toMatch(/^done · /);
  });

  it("never reaches 100% before the scan is done", () => {
    const view = describeScanProgress(
      progress({ keysRead: 89625, regionsDone: 3230, accountsDone: 190, phase: "detect" }),
    );
    expect(view.percent).toBe(99);
  });

  it("counts listed regions as half the bar before the key reads are planned", () => {
    const view = describeScanProgress(
      progress({ phase: "list", keysRead: 0, keysTotal: 0, regionsDone: 1615, etaMs: null }),
    );
    expect(view.percent).toBe(25);
    expect(view.line).toBe(
      "listing keys · accounts 10/190 · regions 1,615/3,230 · keys 0/0 · 212,345 calls · 7 throttled · estimating…",
    );
  });

  it("leaves accounts out while the scan does not know them yet", () => {
    const view = describeScanProgress(
      progress({
        phase: "identity",
        accountsDone: 0,
        accountsTotal: 0,
        regionsDone: 0,
        regionsTotal: 0,
        keysRead: 0,
        keysTotal: 0,
        calls: 1,
        throttles: 0,
        etaMs: null,
      }),
    );
    expect(view).toEqual({
      percent: 0,
      valueText: "identity, 0%",
      line: "checking credentials · regions 0/0 · keys 0/0 · 1 call · 0 throttled · estimating…",
      eta: "estimating…",
    });
  });

  it("says the scan is starting before its first progress report", () => {
    expect(describeScanProgress(null)).toEqual({
      percent: 0,
      valueText: "starting, 0%",
      line: "starting…",
      eta: "estimating…",
    });
  });
});
