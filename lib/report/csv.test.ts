import { describe, expect, it } from "vitest";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";
import { CSV_COLUMNS, csvCell, findingsToCsv } from "./csv";

/** A small RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += ch;
  }
  return rows;
}

describe("findings CSV", () => {
  it("has the documented header and one row per finding", () => {
    const snapshot = makeSnapshot({ id: "csv-1" });
    const rows = parseCsv(findingsToCsv(snapshot));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(snapshot.findings.length + 1);
    const first = snapshot.findings[0];
    const record = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1]?.[i]]));
    expect(record).toMatchObject({
      snapshot_id: "csv-1",
      finding_id: first?.id,
      severity: first?.severity,
      waived: "false",
      last_actor: "arn:aws:iam::111122223333:user/alice",
      actual: '{"value":"wider-decrypt"}',
    });
  });

  it("neutralises formula characters at the start of cells and keeps quoting intact", () => {
    const hostile = makeFinding({
      title: '=cmd()|" /C calc"!A0',
      actual: "@SUM(1,2)",
      what: "evil",
    });
    const snapshot = makeSnapshot({
      id: "csv-2",
      findings: [{ ...hostile, remediation: ["+1", "-2"] }],
    });
    const rows = parseCsv(findingsToCsv(snapshot));
    const row = rows[1] ?? [];
    expect(row[CSV_COLUMNS.indexOf("title")]).toBe(`'=cmd()|" /C calc"!A0`);
    expect(row[CSV_COLUMNS.indexOf("actual")]).toBe("'@SUM(1,2)");
    expect(row[CSV_COLUMNS.indexOf("remediation")]).toBe("'+1\n-2");
    expect(row).toHaveLength(CSV_COLUMNS.length);
  });

  it("quotes per RFC 4180", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("\tindent")).toBe("'\tindent");
  });

  it("shows control and bidi characters as visible escapes, keeping tab and LF", () => {
    expect(csvCell("\rx")).toBe("\\x0Dx");
    expect(csvCell("\u001b[31mred\u0007\u202egnp.exe")).toBe("\\x1B[31mred\\x07\\u202Egnp.exe");
    expect(csvCell("a\u0085b\u009bc\u007f")).toBe("a\\x85b\\x9Bc\\x7F");
    expect(csvCell("x\ty\nz")).toBe('"x\ty\nz"');
  });
});
