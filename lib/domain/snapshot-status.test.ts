import { describe, expect, it } from "vitest";
import { snapshotStatus, statusOfRegions } from "./snapshot-status";

const counts = (error: number) => ({ ok: 2, partial: 1, error, "not-enabled": 1 });

describe("snapshot status", () => {
  it("a failed region makes a scan incomplete; regions not enabled do not", () => {
    expect(
      statusOfRegions([{ status: "ok" }, { status: "partial" }, { status: "not-enabled" }]),
    ).toBe("complete");
    expect(statusOfRegions([{ status: "ok" }, { status: "error" }])).toBe("incomplete");
  });

  it("reads the recorded status, and derives it for snapshots stored before it existed", () => {
    expect(snapshotStatus({ status: "incomplete", regions: counts(0) })).toBe("incomplete");
    expect(snapshotStatus({ regions: counts(0) })).toBe("complete");
    expect(snapshotStatus({ regions: counts(2) })).toBe("incomplete");
  });

  it("ignores a recorded value outside the contract", () => {
    const stored = JSON.parse(
      '{"status":"done","regions":{"ok":1,"partial":0,"error":1,"not-enabled":0}}',
    );
    expect(snapshotStatus(stored)).toBe("incomplete");
  });
});
