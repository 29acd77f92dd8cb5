import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeRouteParam } from "@/lib/http/request-shape";
import { getFamilyReport } from "@/lib/server/family-report";
import type { FamilyReport } from "@/lib/views/family-report";
import { AttributionLine } from "@/components/family/attribution-line";
import { FamilyReadNotice } from "@/components/family/family-read-notice";
import { FindingCard } from "@/components/family/finding-card";
import { StatementDiffView } from "@/components/family/policy-view";
import { PropertiesTable } from "@/components/family/properties-table";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Section } from "@/components/ui/section";
import { TimeText } from "@/components/ui/time-text";

export const dynamic = "force-dynamic";
// No loading.tsx above this page: a Suspense fallback would start the response as 200 before
// notFound() could make it a 404 (Next.js: "Status codes" under loading.js).

async function loadReport(id: string): Promise<FamilyReport> {
  try {
    return await getFamilyReport(id);
  } catch (error) {
    // A malformed id, an unknown family or no snapshot at all: all "nothing here" for this address.
    if (error instanceof Error && (error.name === "ApiError" || error.name === "ZodError"))
      notFound();
    throw error;
  }
}

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const id = decodeRouteParam((await params).id);
  return { title: id?.split(":").slice(1).join(":") || "Family" };
}

export default async function FamilyPage({ params }: { params: Promise<{ id: string }> }) {
  const report = await loadReport((await params).id);
  const { family } = report;
  const waived = report.findings.filter((f) => f.waived);
  return (
    <div>
      <h1 className="text-2xl font-semibold break-all">{family.name}</h1>
      <p className="mb-6 text-sm text-slate-700 dark:text-slate-300">
        {family.kind} family · account <span className="font-mono">{family.account}</span> ·
        reference {family.referenceRegion ?? "undetermined"} · {family.members.length} member(s) ·
        snapshot <span className="font-mono">{report.snapshot.id}</span>
        {family.flags.length > 0 ? ` · ${family.flags.join(", ")}` : ""}
      </p>
      <FamilyReadNotice gaps={report.readGaps} referenceRegion={family.referenceRegion} />
      <Section id="props-heading" title="Properties by region">
        <PropertiesTable members={report.members} properties={report.properties} />
      </Section>
      <Section id="findings-heading" title={`Findings (${report.findings.length})`}>
        {report.findings.length === 0 ? (
          <p className="text-sm">
            {report.readGaps.compared
              ? "In sync: no differences from the reference region."
              : "None, but nothing was compared: the drift of this family is unknown."}
          </p>
        ) : (
          <div className="space-y-3">
            {report.findings.map((f) => (
              <FindingCard key={f.id} finding={f} />
            ))}
          </div>
        )}
      </Section>
      {report.sameMeaning.length > 0 ? (
        <Section id="same-meaning-heading" title="Reads differently, allows the same">
          <p className="mb-2 text-sm">
            These key policies differ from the reference&apos;s in their text but allow exactly the
            same requests, so they are not drift.
          </p>
          <ul className="space-y-2 text-sm">
            {report.sameMeaning.map((m) => (
              <li key={m.region}>
                <span className="font-medium">{m.region}</span>
                <StatementDiffView statements={m.statements} />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="dr-heading" title="DR readiness">
        {report.drUnused.length > 0 ? (
          <ul className="mb-2 list-disc pl-5 text-sm">
            {report.drUnused.map((u) => (
              <li key={u.region}>
                In {u.region}: never used in this region (no cryptographic use recorded since{" "}
                {u.trackingStartDate.slice(0, 10)}
                {u.createdBeforeTracking
                  ? "; the key predates usage tracking, so older CloudTrail logs may show earlier use"
                  : ""}
                ).
              </li>
            ))}
          </ul>
        ) : null}
        {!report.readGaps.compared ? (
          <p className="text-sm">Unknown: the family has no reference region to compare with.</p>
        ) : report.drGaps.length === 0 ? (
          <p className="text-sm">
            Ready: every principal that can use the key in the reference region can use it in every
            other region.
          </p>
        ) : (
          <ul className="list-disc pl-5 text-sm">
            {report.drGaps.map((g, i) => (
              <li key={`${g.region}-${g.principal}-${i}`}>{g.sentence}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="grants-heading" title="Grants by region">
        <ul className="space-y-2 text-sm">
          {report.members.map((m) => (
            <li key={m.arn}>
              <span className="font-medium">{m.region}</span>:{" "}
              {m.grants === null ? "not read" : m.grants.length === 0 ? "no grants" : null}
              {m.grants && m.grants.length > 0 ? (
                <ul className="list-disc pl-5">
                  {m.grants.map((g) => (
                    <li key={g.grantId}>
                      {g.name || "(unnamed)"} → {g.granteePrincipal}: {g.operations.join(", ")}
                      {g.constraints ? ` when ${JSON.stringify(g.constraints)}` : ""}
                    </li>
                  ))}
                </ul>
              ) : null}
              {m.errors.length > 0 ? (
                <span className="block text-red-800 dark:text-red-300">
                  Unreadable: {m.errors.map((e) => `${e.property} (${e.code})`).join(", ")}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="timeline-heading" title="CloudTrail timeline">
        {report.events.length === 0 ? (
          <p className="text-sm">
            No CloudTrail write events for this family&apos;s keys in the snapshot (unattributed).
          </p>
        ) : (
          <ScrollRegion label="CloudTrail timeline, scrollable">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">
                CloudTrail write events on this family&apos;s keys, newest first
              </caption>
              <thead>
                <tr className="border-b border-slate-300 dark:border-slate-700">
                  <th scope="col" className="py-1 pr-3">
                    Time
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Region
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Event
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Actor
                  </th>
                  <th scope="col" className="py-1">
                    Source IP
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.events.map((e) => (
                  <tr key={e.eventId} className="border-b border-slate-100 dark:border-slate-900">
                    <td className="py-1 pr-3">
                      <TimeText iso={e.eventTime} />
                    </td>
                    <td className="py-1 pr-3">{e.region}</td>
                    <td className="py-1 pr-3">
                      {e.eventName}
                      {e.errorCode ? ` (${e.errorCode})` : ""}
                    </td>
                    <td className="py-1 pr-3 font-mono break-all">{e.actor}</td>
                    <td className="py-1">{e.sourceIp ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Section>
      <Section id="waivers-heading" title="Waivers">
        {waived.length === 0 ? (
          <p className="text-sm">No finding of this family is waived.</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {waived.map((f) => (
              <li key={f.id}>
                <span className="font-medium">{f.title}</span>
                {f.waiver
                  ? ` — ${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires})`
                  : ""}
                <AttributionLine finding={f} />
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
