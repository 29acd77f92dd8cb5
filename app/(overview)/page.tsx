import type { Metadata } from "next";
import { getScanStatus } from "@/lib/server/scan-service";
import { latestSnapshotItem } from "@/lib/server/snapshot-cache";
import { FirstScanPending } from "@/components/scan/first-scan-pending";
import { AccountsSection } from "./_sections/accounts";
import { DrGapsSection } from "./_sections/dr-gaps";
import { DriftedFamiliesSection } from "./_sections/drifted-families";
import { IncompleteNoticeSection } from "./_sections/incomplete-notice";
import { OpenFindingsSection } from "./_sections/open-findings";
import { LastScanFailed, OverviewHeader } from "./_sections/overview-header";
import { RegionsScannedSection } from "./_sections/regions-scanned";
import { ResidencyViolationsSection } from "./_sections/residency-violations";
import { SeverityCountsSection } from "./_sections/severity-counts";
import { SeverityTrendSection } from "./_sections/severity-trend";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  // One snapshot for every section, resolved once: a scan finishing meanwhile cannot mix two.
  const [latest, scan] = await Promise.all([latestSnapshotItem(), getScanStatus()]);
  const id = latest?.id;
  return (
    <div>
      <OverviewHeader latest={latest} scan={scan} />
      <LastScanFailed scan={scan} />
      {id === undefined ? (
        <FirstScanPending />
      ) : (
        <>
          <IncompleteNoticeSection snapshotId={id} />
          <SeverityCountsSection snapshotId={id} />
          <SeverityTrendSection />
          <div className="grid gap-8 lg:grid-cols-2">
            <OpenFindingsSection snapshotId={id} />
            <DriftedFamiliesSection snapshotId={id} />
            <ResidencyViolationsSection snapshotId={id} />
            <DrGapsSection snapshotId={id} />
          </div>
          <AccountsSection snapshotId={id} />
          <RegionsScannedSection snapshotId={id} />
        </>
      )}
    </div>
  );
}
