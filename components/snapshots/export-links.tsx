const FORMATS = [
  ["bundle", "Evidence bundle (JSON)"],
  ["csv", "Findings (CSV)"],
  ["html", "Report (HTML)"],
  ["asff", "Security Hub (ASFF)"],
  ["ocsf", "OCSF Compliance Findings"],
] as const;

export function ExportLinks({ snapshotId }: { snapshotId: string }) {
  return (
    <ul aria-label="Downloads" className="flex flex-wrap gap-3 text-sm">
      {FORMATS.map(([format, label]) => (
        <li key={format}>
          <a
            download
            href={`/api/snapshots/${encodeURIComponent(snapshotId)}/export?format=${format}`}
            className="inline-block rounded border border-slate-400 px-2 py-1 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Download {label}
          </a>
        </li>
      ))}
    </ul>
  );
}
