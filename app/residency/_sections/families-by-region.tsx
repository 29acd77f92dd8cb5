import { getResidencyPart } from "@/lib/server/residency";
import type { ResidencyRow } from "@/lib/views/residency";
import { cn } from "@/components/ui/cn";
import { FamilyLink } from "@/components/ui/family-link";
import { LoadingSection } from "@/components/ui/loading-section";
import { ScrollRegion } from "@/components/ui/scroll-region";

function Placement({ row, region }: { row: ResidencyRow; region: string }) {
  const bad = row.violating.includes(region);
  const here = row.regions.includes(region);
  return (
    <td
      className={cn(
        "px-1 py-1 text-center",
        bad && "bg-red-100 font-semibold text-red-900 dark:bg-red-900 dark:text-red-50",
      )}
    >
      {bad ? (
        "violation"
      ) : here ? (
        "holds"
      ) : (
        <span aria-label="no key material" className="text-slate-400">
          ·
        </span>
      )}
    </td>
  );
}

async function FamiliesByRegion({ snapshotId }: { snapshotId: string }) {
  const view = await getResidencyPart(snapshotId);
  const regions = view.regions.map((r) => r.region);
  return (
    <>
      <ScrollRegion label="Families by region, scrollable" className="max-h-[60vh] overflow-auto">
        <table className="w-full text-left text-xs">
          <caption className="sr-only">Which regions hold each family&apos;s key material</caption>
          <thead className="sticky top-0 bg-white dark:bg-slate-950">
            <tr>
              <th scope="col" className="py-1 pr-2">
                Family
              </th>
              {regions.map((r) => (
                <th key={r} scope="col" className="px-1 py-1">
                  {r}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 dark:border-slate-900">
                <th scope="row" className="py-1 pr-2 font-normal">
                  <FamilyLink id={row.id}>{row.name}</FamilyLink>
                </th>
                {regions.map((r) => (
                  <Placement key={r} row={row} region={r} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {view.totalFamilies > view.rows.length ? (
        <p className="mt-1 text-xs">
          Showing {view.rows.length} of {view.totalFamilies} families, violations first.
        </p>
      ) : null}
    </>
  );
}

export function FamiliesByRegionSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection
      id="table-heading"
      title="Families by region"
      loading="Loading the families"
      rows={8}
    >
      <FamiliesByRegion snapshotId={snapshotId} />
    </LoadingSection>
  );
}
