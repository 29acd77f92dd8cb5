import type { Metadata } from "next";
import Link from "next/link";
import { SEVERITIES } from "@/lib/domain/finding";
import { getOverview } from "@/lib/server/overview";
import { loadSnapshot } from "@/lib/server/snapshot-cache";
import { FirstScanPending } from "@/components/scan/first-scan-pending";
import { IncompleteScanNotice } from "@/components/snapshots/incomplete-scan-notice";
import { ScanNow } from "@/components/scan/scan-now";
import { RegionStatusTable } from "@/components/overview/region-status-table";
import { SeverityTrendChart } from "@/components/overview/severity-trend-chart";
import { OpenFindingsList } from "@/components/overview/open-findings-list";
import { FamilyLink } from "@/components/ui/family-link";
import { Notice } from "@/components/ui/notice";
import { Section } from "@/components/ui/section";
import { SeverityBadge, SEVERITY_STYLES } from "@/components/ui/severity-badge";
import { TimeText } from "@/components/ui/time-text";
import { cn } from "@/components/ui/cn";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const [overview, snapshot] = await Promise.all([getOverview(), loadSnapshot("latest")]);
  const failed = overview.scan.lastOutcome?.status === "failed" ? overview.scan.lastOutcome : null;
  return (
    <div>
      <div className="mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Overview</h1>
          {overview.snapshot ? (
            <p className="text-sm text-slate-700 dark:text-slate-300">
              Latest snapshot{" "}
              <Link className="font-mono underline" href={`/snapshots/${overview.snapshot.id}`}>
                {overview.snapshot.id}
              </Link>{" "}
              taken <TimeText iso={overview.snapshot.finishedAt} /> from{" "}
              {overview.snapshot.source.kind === "sandbox" ? "the sandbox" : "AWS"} · next
              scheduled:{" "}
              {overview.scan.nextScheduledRun ? (
                <TimeText iso={overview.scan.nextScheduledRun} />
              ) : (
                "none (set KMS_DRIFT_SCHEDULE)"
              )}
            </p>
          ) : null}
        </div>
        <ScanNow initial={overview.scan} />
      </div>
      {failed ? (
        <div className="mb-6">
          <Notice title="The last scan failed" tone="error">
            {failed.reason}. Check the credentials (AWS_PROFILE or the default chain), the regions
            and the endpoint, then press Scan now.
          </Notice>
        </div>
      ) : null}
      {overview.snapshot?.status === "incomplete" ? (
        <div className="mb-6">
          <IncompleteScanNotice
            failed={overview.snapshot.failedRegions}
            regionCount={overview.regions.length}
          />
        </div>
      ) : null}
      {!overview.snapshot || !overview.counts || !snapshot ? (
        <FirstScanPending />
      ) : (
        <>
          <Section id="severity-heading" title="Open findings by severity">
            <ul className="grid grid-cols-2 gap-3 sm:grid-cols-5">
              {SEVERITIES.map((s) => (
                <li key={s} className="rounded border border-slate-200 p-3 dark:border-slate-800">
                  <Link
                    href={`/families?severity=${s}`}
                    className="block"
                    aria-label={`${overview.counts?.openBySeverity[s] ?? 0} ${s} findings`}
                  >
                    <span
                      className={cn(
                        "mb-1 inline-block rounded px-1.5 text-xs font-semibold uppercase",
                        SEVERITY_STYLES[s],
                      )}
                    >
                      {s}
                    </span>
                    <span className="block text-2xl font-semibold">
                      {overview.counts?.openBySeverity[s]}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
              {overview.counts.keys} keys · {overview.counts.families} families ·{" "}
              {overview.counts.driftedFamilies} drifted · {overview.counts.waived} waived findings
            </p>
          </Section>
          <Section id="trend-heading" title="Findings over time">
            {overview.trend.length > 1 ? (
              <SeverityTrendChart points={overview.trend} />
            ) : (
              <p className="text-sm">One snapshot so far: the trend appears after the next scan.</p>
            )}
          </Section>
          <div className="grid gap-8 lg:grid-cols-2">
            <Section id="open-findings-heading" title="Open findings">
              <OpenFindingsList findings={snapshot.findings} />
            </Section>
            <Section id="drifted-heading" title="Drifted families">
              {overview.driftedFamilies.length === 0 ? (
                <p className="text-sm">No family has drifted.</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {overview.driftedFamilies.slice(0, 15).map((f) => (
                    <li key={f.id} className="flex flex-wrap items-center gap-2">
                      <SeverityBadge severity={f.worst} />
                      <FamilyLink id={f.id}>{f.name}</FamilyLink>
                      <span className="text-slate-600 dark:text-slate-400">
                        {f.findings} open · {f.regions.join(", ")}
                      </span>
                    </li>
                  ))}
                  {overview.driftedFamilies.length > 15 ? (
                    <li>
                      <Link className="underline" href="/families">
                        All {overview.driftedFamilies.length} drifted families
                      </Link>
                    </li>
                  ) : null}
                </ul>
              )}
            </Section>
            <Section id="residency-heading" title="Residency violations">
              {overview.residencyViolations.length === 0 ? (
                <p className="text-sm">No key material outside its allowed regions.</p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {overview.residencyViolations.map((v) => (
                    <li key={v.findingId}>
                      <FamilyLink id={v.familyId}>{v.title}</FamilyLink>{" "}
                      {v.waived ? "(waived)" : ""}
                      <span className="text-slate-600 dark:text-slate-400">
                        {" "}
                        · {v.actor ? `by ${v.actor}` : "unattributed"}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <Link className="mt-2 inline-block text-sm underline" href="/residency">
                Residency map
              </Link>
            </Section>
            <Section id="dr-heading" title="DR-readiness gaps">
              {overview.drGaps.length === 0 ? (
                <p className="text-sm">
                  Every principal that can use a key in its reference region can use it in every
                  replica.
                </p>
              ) : (
                <ul className="space-y-1 text-sm">
                  {overview.drGaps.slice(0, 20).map((g, i) => (
                    <li key={`${g.familyId}-${g.region}-${g.principal}-${i}`}>
                      <FamilyLink id={g.familyId} />: {g.sentence}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          </div>
          <Section id="regions-heading" title="Regions scanned">
            <RegionStatusTable regions={overview.regions} />
          </Section>
        </>
      )}
    </div>
  );
}
