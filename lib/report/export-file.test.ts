import { describe, expect, it } from "vitest";
import { compareFindings } from "../history/compare";
import { makeSnapshot } from "../store/test-fixtures";
import { CSV_COLUMNS } from "./csv";
import {
  buildExportFile,
  contentDisposition,
  EXPORT_FORMATS,
  readBody,
  sanitiseFilename,
} from "./export-file";
import { verifyBundle } from "./verify-bundle";

const previous = makeSnapshot({ id: "e-0", startedAt: "2026-11-20T08:00:00.000Z" });
const snapshot = makeSnapshot({ id: 'e-1/../"evil"\r\n', extraKeys: 0 });
const input = {
  snapshot,
  comparison: compareFindings(previous.findings, snapshot.findings, {
    from: "e-0",
    to: snapshot.id,
  }),
};

describe("export files for HTTP routes", () => {
  it("sanitises file names", () => {
    expect(sanitiseFilename('e-1/../"evil"\r\n')).toBe("e-1_.._evil_");
    expect(sanitiseFilename("../../etc/passwd")).toBe("etc_passwd");
    expect(sanitiseFilename("")).toBe("export");
    expect(contentDisposition('a"b.csv')).toBe('attachment; filename="a_b.csv"');
  });

  it.each(EXPORT_FORMATS)(
    "builds a %s file with a safe name and a content type",
    async (format) => {
      const file = buildExportFile(format, input);
      expect(file.filename).toMatch(/^kms-drift-e-1_\.\._evil_\.[a-z.]+$/);
      expect(file.contentType).toMatch(/; charset=utf-8$/);
      expect((await readBody(file.body)).length).toBeGreaterThan(100);
    },
  );

  it("streams CSV in chunks that add up to the whole file", async () => {
    const big = makeSnapshot({
      id: "big",
      findings: Array.from({ length: 1000 }, (_, i) => ({
        ...(snapshot.findings[0] ?? fail()),
        id: `f-${i}`,
      })),
    });
    const file = buildExportFile("csv", { snapshot: big, comparison: null });
    expect(file.body).toBeInstanceOf(ReadableStream);
    const text = await readBody(file.body);
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(1001);
  });

  it("builds a bundle that verifies", async () => {
    const file = buildExportFile("bundle", input);
    expect(verifyBundle(JSON.parse(await readBody(file.body))).ok).toBe(true);
  });
});

function fail(): never {
  throw new Error("fixture has findings");
}
