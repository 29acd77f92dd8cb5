import { describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings } from "../history/compare";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";
import { renderHtmlReport } from "./html-report";

const INJECTION = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

/** A policy finding's detail: wider than `comparedWith`, with one access change in words. */
function widerAccess(comparedWith: string, accessChange: string) {
  return {
    rule: "wider-access" as const,
    comparedWith,
    verdict: "wider" as const,
    delta: [],
    deltaTotal: 0,
    accessChanges: [accessChange],
    statements: { added: [], removed: [], changed: [] },
  };
}

function hostileSnapshot(): Snapshot {
  const base = makeSnapshot({
    id: `snap-<b>1</b>`,
    findings: [
      makeFinding({ title: `Policy drift ${INJECTION}`, actual: { Sid: INJECTION }, what: "p" }),
      makeFinding({
        property: "residency",
        severity: "critical",
        region: "ap-southeast-2",
        what: "r",
        title: "Replica outside eu-*",
      }),
      makeFinding({ property: "tags", severity: "low", what: "t", waived: true }),
    ],
  });
  const [first, ...rest] = base.findings;
  if (!first) throw new Error("fixture has findings");
  const key = base.keys[0];
  if (!key) throw new Error("fixture has keys");
  return {
    ...base,
    findings: [
      {
        ...first,
        property: "policy",
        detail: widerAccess(INJECTION, `arn:aws:iam::1:role/${INJECTION} gained kms:Decrypt`),
        remediation: [`aws kms ${INJECTION}`],
      },
      ...rest,
    ],
    keys: [
      {
        ...key,
        errors: [{ property: "policy", code: "AccessDeniedException", message: INJECTION }],
      },
      ...base.keys.slice(1),
    ],
    regions: base.regions.map((r) => (r.status === "not-enabled" ? { ...r, error: INJECTION } : r)),
  };
}

describe("HTML report", () => {
  const snapshot = hostileSnapshot();
  const previous = makeSnapshot({ id: "prev" });
  const page = renderHtmlReport({
    snapshot,
    comparison: compareFindings(previous.findings, snapshot.findings, {
      from: "prev",
      to: snapshot.id,
    }),
    createdAt: new Date("2026-11-24T10:00:00Z"),
  });

  it("escapes every injected string", () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    expect(page).not.toContain("<b>1</b>");
    expect(page).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page).toContain("<title>kms-drift report — snap-&lt;b&gt;1&lt;/b&gt;</title>");
  });

  it("is self-contained and printable", () => {
    expect(page).not.toMatch(/<link\b|<[a-z][^>]*\s(src|href)=|url\(/i);
    expect(page).toContain("@media print");
    expect(page.startsWith("<!doctype html>")).toBe(true);
  });

  it("puts the summary first, then drift, residency, changes, waivers and coverage", () => {
    const order = ["summary", "drift", "residency", "changes", "waivers", "coverage"].map((id) =>
      page.indexOf(`<section id="${id}">`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("describes drift, residency, changes and waivers in words", () => {
    expect(page).toContain("Replica outside eu-*");
    expect(page).toMatch(/Compared with prev: \d+ new, \d+ resolved/);
    expect(page).toContain("accepted during migration");
    expect(page).toContain("AccessDeniedException");
    expect(page).toContain("not-enabled");
  });

  it("says so when there is no previous snapshot", () => {
    const first = renderHtmlReport({ snapshot: makeSnapshot(), comparison: null });
    expect(first).toContain("No previous snapshot to compare with.");
  });

  it("shows every control and bidi character in any value as a visible escape", () => {
    const hidden = "\u001b[31m\u202e\u0007";
    const base = makeSnapshot({
      id: `snap${hidden}`,
      findings: [
        makeFinding({ title: `t${hidden}`, what: "p", waived: true }),
        makeFinding({ property: "residency", what: "r", region: "ap-southeast-2" }),
      ],
    });
    const [first, second] = base.findings;
    if (!first || !second) throw new Error("fixture has findings");
    const key = base.keys[0];
    if (!key) throw new Error("fixture has keys");
    const page = renderHtmlReport({
      snapshot: {
        ...base,
        findings: [
          {
            ...first,
            property: "policy",
            detail: widerAccess(`d${hidden}`, `l${hidden}`),
            remediation: [`aws kms${hidden}`],
            expected: `e${hidden}`,
            ...(first.waiver ? { waiver: { ...first.waiver, reason: `w${hidden}` } } : {}),
          },
          { ...second, attribution: [], attributionNote: `n${hidden}` },
        ],
        keys: [{ ...key, errors: [{ property: "policy", code: "X", message: `m${hidden}` }] }],
        regions: base.regions.map((r) => ({ ...r, error: `r${hidden}` })),
        storageNotes: [`s${hidden}`],
      },
      comparison: null,
      createdAt: new Date("2026-11-24T10:00:00Z"),
    });
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const shown = "\\x1B[31m\\u202E\\x07";
    for (const value of ["snap", "t", "d", "l", "aws kms", "e", "w", "n", "m", "r", "s"])
      expect(page, value).toContain(`${value}${shown}`);
  });
});
