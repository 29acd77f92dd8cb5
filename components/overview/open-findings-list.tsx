import { SEVERITIES, type Finding } from "@/lib/domain/finding";
import { FamilyLink } from "../ui/family-link";
import { SeverityBadge } from "../ui/severity-badge";

/** The most severe unwaived findings, each linking to its family's report. */
export function OpenFindingsList({
  findings,
  limit = 15,
}: {
  findings: Finding[];
  limit?: number;
}) {
  const open = findings
    .filter((f) => !f.waived && f.severity !== "info")
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        a.title.localeCompare(b.title),
    );
  if (open.length === 0)
    return <p className="text-sm">No open findings: every family is in sync or waived.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {open.slice(0, limit).map((f) => (
        <li key={f.id} className="flex items-start gap-2">
          <SeverityBadge severity={f.severity} className="mt-0.5 shrink-0" />
          <span>
            <FamilyLink id={f.familyId}>{f.title}</FamilyLink>
            <span className="text-slate-600 dark:text-slate-400"> · {f.property}</span>
          </span>
        </li>
      ))}
      {open.length > limit ? (
        <li className="text-slate-600 dark:text-slate-400">
          {open.length - limit} more on the Families page.
        </li>
      ) : null}
    </ul>
  );
}
