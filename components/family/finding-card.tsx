import type { FindingView } from "@/lib/views/family-report";
import { SeverityBadge } from "../ui/severity-badge";
import { AttributionLine } from "./attribution-line";
import { CopyButton } from "./copy-button";
import { PolicyView } from "./policy-view";

export function FindingCard({ finding }: { finding: FindingView }) {
  const headingId = `finding-${finding.id}`;
  return (
    <article
      aria-labelledby={headingId}
      className="rounded border border-slate-200 p-3 dark:border-slate-800"
    >
      <h3 id={headingId} className="flex flex-wrap items-center gap-2 font-medium">
        <SeverityBadge severity={finding.severity} />
        <span>{finding.title}</span>
        {finding.waived ? (
          <span className="rounded bg-slate-200 px-1.5 text-xs dark:bg-slate-700">waived</span>
        ) : null}
      </h3>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {finding.property} · {finding.region} vs {finding.referenceRegion ?? "no reference"} ·
        finding <span className="font-mono">{finding.id}</span>
      </p>
      <AttributionLine finding={finding} />
      {finding.policy ? <PolicyView policy={finding.policy} /> : null}
      {finding.remediation.length > 0 ? (
        <div className="mt-2">
          <h4 className="text-sm font-semibold">Remediation (kms-drift never runs these)</h4>
          <ul className="space-y-1">
            {finding.remediation.map((command, i) => (
              <li key={command} className="flex items-start gap-2">
                <pre
                  tabIndex={0}
                  className="flex-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-900"
                >
                  {command}
                </pre>
                <CopyButton
                  text={command}
                  label={`Copy remediation command ${i + 1} for ${finding.region} ${finding.property}`}
                />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </article>
  );
}
