import { describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { compareFindings } from "../history/compare";
import { makeFinding, makeSnapshot } from "../store/test-fixtures";
import { renderHtmlReport } from "./html-report";

const INJECTION = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

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
        detail: {
          rule: "wider-access",
          comparedWith: INJECTION,
          verdict: "wider",
          delta: [],
          deltaTotal: 0,
          accessChanges: [`arn:aws:iam::1:role/${INJECTION} gained kms:Decrypt`],
          statements: { added: [], removed: [], changed: [] },
        },
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
});
