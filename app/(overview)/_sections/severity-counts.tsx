import Link from "next/link";
import { SEVERITIES } from "@/lib/domain/finding";
import { getOverviewPart } from "@/lib/server/overview";
import { cn } from "@/components/ui/cn";
import { LoadingSection } from "@/components/ui/loading-section";
import { SEVERITY_STYLES } from "@/components/ui/severity-badge";

async function SeverityCounts({ snapshotId }: { snapshotId: string }) {
  const { counts } = await getOverviewPart(snapshotId);
  if (!counts) return null;
  return (
    <>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {SEVERITIES.map((s) => (
          <li key={s} className="rounded border border-slate-200 p-3 dark:border-slate-800">
            <Link
              href={`/families?severity=${s}`}
              className="block"
              aria-label={`${counts.openBySeverity[s]} ${s} findings`}
            >
              <span
                className={cn(
                  "mb-1 inline-block rounded px-1.5 text-xs font-semibold uppercase",
                  SEVERITY_STYLES[s],
                )}
              >
                {s}
              </span>
              <span className="block text-2xl font-semibold">{counts.openBySeverity[s]}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        {counts.keys} keys · {counts.families} families · {counts.driftedFamilies} drifted ·{" "}
        {counts.waived} waived findings
      </p>
    </>
  );
}

export function SeverityCountsSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection
      id="severity-heading"
      title="Open findings by severity"
      loading="Loading the counts"
      rows={2}
    >
      <SeverityCounts snapshotId={snapshotId} />
    </LoadingSection>
  );
}
