/** Inline styles: the report is one file with no external assets, readable on screen and on paper. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #111827; --muted: #4b5563; --line: #d1d5db; --bg-alt: #f3f4f6; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--fg); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: var(--bg-alt); font-weight: 600; }
code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
.sev { display: inline-block; padding: 0 .4rem; border-radius: .25rem; font-weight: 600; font-size: 12px; border: 1px solid currentColor; }
.sev-critical { color: #7f1d1d; background: #fee2e2; } .sev-high { color: #9a3412; background: #ffedd5; }
.sev-medium { color: #854d0e; background: #fef9c3; } .sev-low { color: #1e3a8a; background: #dbeafe; }
.sev-info { color: #374151; background: #f3f4f6; }
.status.incomplete { border: 1px solid #991b1b; padding: .25rem .75rem; color: #7f1d1d; }
.status-ok { color: #166534; } .status-partial { color: #854d0e; } .status-error { color: #991b1b; } .status-not-enabled { color: var(--muted); }
.waived { color: var(--muted); font-style: italic; }
.counts { display: flex; gap: .75rem; flex-wrap: wrap; margin: .5rem 0; }
.counts div { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .8rem; min-width: 7rem; }
.counts strong { display: block; font-size: 1.4rem; }
dl.detail { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .6rem; margin: .2rem 0; }
dl.detail dt { color: var(--muted); } dl.detail dd { margin: 0; }
ul { margin: .2rem 0; padding-left: 1.2rem; }
footer { margin-top: 2rem; color: var(--muted); font-size: 12px; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
  tr, .family { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  .sev { border-width: 1px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
