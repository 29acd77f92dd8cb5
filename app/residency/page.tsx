import type { Metadata } from "next";
import { latestSnapshotId } from "@/lib/server/snapshot-cache";
import { FirstScanPending } from "@/components/scan/first-scan-pending";
import { FamiliesByRegionSection } from "./_sections/families-by-region";
import { KeyMaterialMapSection } from "./_sections/key-material-map";
import { LastUseSection } from "./_sections/last-use";
import { RulesSection } from "./_sections/rules";
import { ViolationsSection } from "./_sections/violations";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Residency" };

export default async function ResidencyPage() {
  // One snapshot for every section, resolved once: a scan finishing meanwhile cannot mix two.
  const snapshotId = await latestSnapshotId();
  if (snapshotId === null) {
    return (
      <div>
        <h1 className="mb-4 text-2xl font-semibold">Residency</h1>
        <FirstScanPending />
      </div>
    );
  }
  return (
    <div>
      <h1 className="mb-1 text-2xl font-semibold">Residency</h1>
      <p className="mb-6 text-sm text-slate-700 dark:text-slate-300">
        Where each family&apos;s key material lives · snapshot{" "}
        <span className="font-mono">{snapshotId}</span>
      </p>
      <KeyMaterialMapSection snapshotId={snapshotId} />
      <LastUseSection snapshotId={snapshotId} />
      <RulesSection />
      <ViolationsSection snapshotId={snapshotId} />
      <FamiliesByRegionSection snapshotId={snapshotId} />
    </div>
  );
}
