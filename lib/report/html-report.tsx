import { randomUUID } from "node:crypto";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import { ChangesSection } from "./html/changes";
import { CoverageSection } from "./html/coverage";
import { DriftedFamily, driftedGroups, FamiliesSection } from "./html/families";
import { ResidencySection } from "./html/residency";
import { StorageNotesSection } from "./html/storage-notes";
import { REPORT_CSS } from "./html/style";
import { SummarySection } from "./html/summary";
import { WaiversSection } from "./html/waivers";
import { renderStaticDocument, renderStaticFragment } from "./render-static";
import { reportDataOf, type ReportData } from "./html/report-data";

export interface HtmlReportInput {
  snapshot: Snapshot;
  /** Against the previous snapshot; null for the first one. */
  comparison: SnapshotComparison | null;
  createdAt?: Date;
}

/** A self-contained, printable report: no scripts, no external assets, every value escaped. */
export function renderHtmlReport(input: HtmlReportInput): string {
  return renderReport({
    data: reportDataOf(input.snapshot),
    comparison: input.comparison,
    createdAt: input.createdAt ?? new Date(),
  });
}

export interface ReportInput {
  data: ReportData;
  comparison: SnapshotComparison | null;
  createdAt: Date;
}

/** The report from its data (lib/report/html/report-data.ts), read from a whole snapshot or from rows. */
export function renderReport(input: ReportInput): string {
  return renderStaticDocument(<ReportDocument {...input} />);
}

/**
 * `renderReport(input)` a piece at a time: the document around the drifted families, then each
 * drifted family rendered on its own (static markup of siblings is the markup of each, joined), so
 * the report is never one string and its React tree is one family's at a time.
 */
export function* reportChunks(input: ReportInput): Generator<string> {
  // Letters and digits only: nothing in the markup escapes or neutralises them.
  const slot = `kms-drift-families-${randomUUID()}`;
  const whole = renderStaticDocument(<ReportDocument {...input} drifted={slot} />);
  const at = whole.indexOf(slot);
  yield whole.slice(0, at);
  for (const [id, findings] of driftedGroups(input.data.findings))
    yield renderStaticFragment(
      <DriftedFamily id={id} family={input.data.driftedFamilies.get(id)} findings={findings} />,
    );
  yield whole.slice(at + slot.length);
}

function ReportDocument({
  data,
  comparison,
  createdAt,
  drifted,
}: ReportInput & { drifted?: string }) {
  const s = data.header;
  const title = `kms-drift report — ${s.id}`;
  return (
    <html lang="en">
      {/* eslint-disable-next-line @next/next/no-head-element -- a downloaded document, not a Next.js page */}
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          httpEquiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'"
        />
        <title>{title}</title>
        <style>{REPORT_CSS}</style>
      </head>
      <body>
        <header>
          <h1>{title}</h1>
          <p className="meta">
            Scan {s.startedAt} → {s.finishedAt} · source {s.source.kind}
            {s.source.endpoint ? ` (${s.source.endpoint})` : ""} · partition {s.source.partition} ·
            accounts {s.accounts.join(", ")}
          </p>
        </header>
        <main>
          <SummarySection snapshot={s} />
          <FamiliesSection data={data} {...(drifted === undefined ? {} : { drifted })} />
          <ResidencySection findings={data.findings} />
          <ChangesSection comparison={comparison} />
          <WaiversSection findings={data.findings} at={createdAt} />
          <CoverageSection header={s} keyErrors={data.keyErrors} />
          <StorageNotesSection snapshot={s} />
        </main>
        <footer>
          Generated {createdAt.toISOString()} by {s.tool.name} {s.tool.version}. Snapshot schema
          version {s.schemaVersion}.
        </footer>
      </body>
    </html>
  );
}
