import type { Metadata } from "next";
import { getFamilyFilterOptions, getFamilyPage } from "@/lib/server/families-query";
import { FAMILY_PAGE_SIZE, safeParseFamilyFilters } from "@/lib/views/family-filters";
import { FamiliesView } from "@/components/families/families-view";
import { FirstScanPending } from "@/components/scan/first-scan-pending";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Families" };

export default async function FamiliesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // The first page for the URL's filters comes with the page; the grid fetches the rest as it scrolls.
  const { filters } = safeParseFamilyFilters(await searchParams);
  const first = await getFamilyPage(filters, { offset: 0, limit: FAMILY_PAGE_SIZE });
  const options = first ? await getFamilyFilterOptions(first.snapshotId) : null;
  return (
    <div>
      <h1 className="mb-1 text-2xl font-semibold">Families</h1>
      {!first || !options ? (
        <FirstScanPending />
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
            Snapshot <span className="font-mono">{first.snapshotId}</span> · each family&apos;s
            state per region, compared with its primary or reference region.
          </p>
          <FamiliesView first={first} options={options} />
        </>
      )}
    </div>
  );
}
