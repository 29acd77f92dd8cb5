import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import { html } from "./html-escape";
import {
  renderChanges,
  renderCoverage,
  renderFamilies,
  renderResidency,
  renderStorageNotes,
  renderSummary,
  renderWaivers,
} from "./html-sections";
import { REPORT_CSS } from "./html-style";

export interface HtmlReportInput {
  snapshot: Snapshot;
  /** Against the previous snapshot; null for the first one. */
  comparison: SnapshotComparison | null;
  createdAt?: Date;
}

/** A self-contained, printable report: no scripts, no external assets, every value escaped. */
export function renderHtmlReport(input: HtmlReportInput): string {
  const { snapshot: s } = input;
  const createdAt = input.createdAt ?? new Date();
  const title = `kms-drift report — ${s.id}`;
  const page = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'"
        />
        <title>${title}</title>
        <style>
          ${REPORT_CSS}
        </style>
      </head>
      <body>
        <header>
          <h1>${title}</h1>
          <p class="meta">
            Scan ${s.startedAt} → ${s.finishedAt} · source
            ${s.source.kind}${s.source.endpoint ? ` (${s.source.endpoint})` : ""} · partition
            ${s.source.partition} · accounts ${s.accounts.join(", ")}
          </p>
        </header>
        <main>
          ${renderSummary(s)}${renderFamilies(s)}${renderResidency(s)}${renderChanges(input.comparison)}${renderWaivers(s, createdAt)}${renderCoverage(s)}${renderStorageNotes(s)}
        </main>
        <footer>
          Generated ${createdAt.toISOString()} by ${s.tool.name} ${s.tool.version}. Snapshot schema
          version ${s.schemaVersion}.
        </footer>
      </body>
    </html> `;
  return page.__html;
}
