import type { Metadata } from "next";
import { getResidency } from "@/lib/server/residency";
import type { ResidencyView } from "@/lib/views/residency";
import { WorldMap } from "@/components/residency/world-map";
import { FirstScanPending } from "@/components/scan/first-scan-pending";
import { FamilyLink } from "@/components/ui/family-link";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Section } from "@/components/ui/section";
import { TimeText } from "@/components/ui/time-text";
import { cn } from "@/components/ui/cn";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Residency" };

async function load(): Promise<ResidencyView | null> {
  try {
    return await getResidency();
  } catch (error) {
    if (error instanceof Error && error.name === "ApiError") return null;
    throw error;
  }
}

export default async function ResidencyPage() {
  const view = await load();
  if (!view) {
    return (
      <div>
        <h1 className="mb-4 text-2xl font-semibold">Residency</h1>
        <FirstScanPending />
      </div>
    );
  }
  const regions = view.regions.map((r) => r.region);
  return (
    <div>
      <h1 className="mb-1 text-2xl font-semibold">Residency</h1>
      <p className="mb-6 text-sm text-slate-700 dark:text-slate-300">
        Where each family&apos;s key material lives · snapshot{" "}
        <span className="font-mono">{view.snapshotId}</span>
      </p>
      <Section id="map-heading" title="Key material by region">
        <WorldMap regions={view.regions} />
      </Section>
      <Section id="last-use-heading" title="Last use by region">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              The newest recorded cryptographic use of the key material each region holds
            </caption>
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-1 pr-3">
                  Region
                </th>
                <th scope="col" className="py-1 pr-3">
                  Families
                </th>
                <th scope="col" className="py-1 pr-3">
                  Newest use
                </th>
                <th scope="col" className="py-1">
                  Key
                </th>
              </tr>
            </thead>
            <tbody>
              {view.regions
                .filter((r) => r.families > 0)
                .map((r) => (
                  <tr key={r.region} className="border-b border-slate-100 dark:border-slate-900">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {r.region}
                    </th>
                    <td className="py-1 pr-3">{r.families}</td>
                    <td className="py-1 pr-3">
                      {r.lastUsed ? (
                        <>
                          {r.lastUsed.operation} at <TimeText iso={r.lastUsed.at} />
                        </>
                      ) : r.lastUseRead ? (
                        "no recorded use"
                      ) : (
                        <span className="text-slate-500">not read</span>
                      )}
                    </td>
                    <td className="py-1 font-mono text-xs break-all">
                      {r.lastUsed ? r.lastUsed.keyId : ""}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section id="rules-heading" title="Rules">
        {view.rules.length === 0 ? (
          <p className="text-sm">
            No residency rules in the config: add a <code>residency</code> entry (selector +
            allowedRegions) to check where key material may live.
          </p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {view.rules.map((r) => (
              <li key={r.name}>
                <span className="font-medium">{r.name}</span>: families matching{" "}
                <code>{JSON.stringify(r.selector)}</code> may live only in{" "}
                {r.allowedRegions.join(", ")}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="violations-heading" title="Violations">
        {view.violations.length === 0 ? (
          <p className="text-sm">No key material outside its allowed regions.</p>
        ) : (
          <ul className="space-y-3 text-sm">
            {view.violations.map((v) => (
              <li
                key={v.findingId}
                className="rounded border border-red-200 p-3 dark:border-red-900"
              >
                <FamilyLink id={v.familyId}>{v.title}</FamilyLink> {v.waived ? "(waived)" : ""}
                <p>
                  Rule {v.rule ?? "unknown"} allows {v.allowedRegions.join(", ") || "—"}; found in{" "}
                  {v.region}.
                </p>
                {v.evidence.length === 0 ? (
                  <p>
                    Evidence: unattributed
                    {v.attributionNote
                      ? ` (${v.attributionNote})`
                      : " (no ReplicateKey event in the CloudTrail window)"}
                  </p>
                ) : (
                  <ul className="list-disc pl-5">
                    {v.evidence.map((e) => (
                      <li key={e.eventId}>
                        {e.eventName} by <span className="font-mono">{e.actor}</span> in {e.region}{" "}
                        at <TimeText iso={e.eventTime} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="table-heading" title="Families by region">
        <ScrollRegion label="Families by region, scrollable" className="max-h-[60vh] overflow-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">
              Which regions hold each family&apos;s key material
            </caption>
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
                  {regions.map((r) => {
                    const bad = row.violating.includes(r);
                    const here = row.regions.includes(r);
                    return (
                      <td
                        key={r}
                        className={cn(
                          "px-1 py-1 text-center",
                          bad &&
                            "bg-red-100 font-semibold text-red-900 dark:bg-red-900 dark:text-red-50",
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
                  })}
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
      </Section>
    </div>
  );
}
