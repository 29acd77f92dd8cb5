import { getResidencyPart } from "@/lib/server/residency";
import type { ResidencyRegion } from "@/lib/views/residency";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { LoadingSection } from "@/components/ui/loading-section";
import { TimeText } from "@/components/ui/time-text";

function NewestUse({ region: r }: { region: ResidencyRegion }) {
  if (r.lastUsed)
    return (
      <>
        {r.lastUsed.operation} at <TimeText iso={r.lastUsed.at} />
      </>
    );
  if (r.lastUseRead) return "no recorded use";
  return <span className="text-slate-500">not read</span>;
}

async function LastUse({ snapshotId }: { snapshotId: string }) {
  const { regions } = await getResidencyPart(snapshotId);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">
          The newest recorded cryptographic use of the key material each region holds
        </caption>
        <ColumnHeaders columns={["Region", "Families", "Newest use", "Key"]} />
        <tbody>
          {regions
            .filter((r) => r.families > 0)
            .map((r) => (
              <tr key={r.region} className="border-b border-slate-100 dark:border-slate-900">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {r.region}
                </th>
                <td className="py-1 pr-3">{r.families}</td>
                <td className="py-1 pr-3">
                  <NewestUse region={r} />
                </td>
                <td className="py-1 font-mono text-xs break-all">
                  {r.lastUsed ? r.lastUsed.keyId : ""}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

export function LastUseSection({ snapshotId }: { snapshotId: string }) {
  return (
    <LoadingSection id="last-use-heading" title="Last use by region" loading="Loading last use">
      <LastUse snapshotId={snapshotId} />
    </LoadingSection>
  );
}
