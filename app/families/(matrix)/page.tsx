import type { Metadata } from "next";
import { getFamilyMatrix } from "@/lib/server/families-query";
import { FamiliesView } from "@/components/families/families-view";
import { FirstScanPending } from "@/components/scan/first-scan-pending";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Families" };

export default async function FamiliesPage() {
  const matrix = await getFamilyMatrix();
  return (
    <div>
      <h1 className="mb-1 text-2xl font-semibold">Families</h1>
      {!matrix ? (
        <FirstScanPending />
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
            Snapshot <span className="font-mono">{matrix.snapshotId}</span> · each family&apos;s
            state per region, compared with its primary or reference region.
          </p>
          <FamiliesView
            matrix={matrix}
            options={{
              regions: matrix.regions,
              accounts: matrix.accounts,
              tags: [...new Set(matrix.rows.flatMap((r) => r.tags))].sort().slice(0, 200),
            }}
          />
        </>
      )}
    </div>
  );
}
