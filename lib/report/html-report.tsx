import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import { ChangesSection } from "./html/changes";
import { CoverageSection } from "./html/coverage";
import { FamiliesSection } from "./html/families";
import { ResidencySection } from "./html/residency";
import { StorageNotesSection } from "./html/storage-notes";
import { REPORT_CSS } from "./html/style";
import { SummarySection } from "./html/summary";
import { WaiversSection } from "./html/waivers";
import { renderStaticDocument } from "./render-static";
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

function ReportDocument({ data, comparison, createdAt }: ReportInput) {
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
          <FamiliesSection data={data} />
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
