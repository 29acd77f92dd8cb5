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

export interface HtmlReportInput {
  snapshot: Snapshot;
  /** Against the previous snapshot; null for the first one. */
  comparison: SnapshotComparison | null;
  createdAt?: Date;
}

/** A self-contained, printable report: no scripts, no external assets, every value escaped. */
export function renderHtmlReport(input: HtmlReportInput): string {
  return renderStaticDocument(
    <ReportDocument
      snapshot={input.snapshot}
      comparison={input.comparison}
      createdAt={input.createdAt ?? new Date()}
    />,
  );
}

function ReportDocument({ snapshot: s, comparison, createdAt }: Required<HtmlReportInput>) {
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
          <FamiliesSection snapshot={s} />
          <ResidencySection snapshot={s} />
          <ChangesSection comparison={comparison} />
          <WaiversSection snapshot={s} at={createdAt} />
          <CoverageSection snapshot={s} />
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
