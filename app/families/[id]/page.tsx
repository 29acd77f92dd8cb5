import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeRouteParam } from "@/lib/http/request-shape";
import { getFamilyOutline } from "@/lib/server/family-report";
import type { FamilyOutline } from "@/lib/views/family-report";
import { FamilyReadNotice } from "@/components/family/family-read-notice";
import { PropertiesTable } from "@/components/family/properties-table";
import { Section } from "@/components/ui/section";
import { DrReadinessSection } from "./_sections/dr-readiness";
import { FamilyHeader } from "./_sections/family-header";
import { FindingsSection } from "./_sections/findings";
import { GrantsSection } from "./_sections/grants";
import { SameMeaningSection } from "./_sections/same-meaning";
import { TimelineSection } from "./_sections/timeline";
import { WaiversSection } from "./_sections/waivers";

export const dynamic = "force-dynamic";
// No loading.tsx above this page: a Suspense fallback would start the response as 200 before
// notFound() could make it a 404 (Next.js: "Status codes" under loading.js). For the same reason
// the page reads the outline, which decides whether the family exists, before its first Suspense
// boundary; only the sections that cannot make it a 404 stream in after.

async function loadOutline(id: string): Promise<FamilyOutline> {
  try {
    return await getFamilyOutline(id);
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
  const outline = await loadOutline((await params).id);
  const { family, snapshot, readGaps } = outline;
  return (
    <div>
      <FamilyHeader outline={outline} />
      <FamilyReadNotice gaps={readGaps} referenceRegion={family.referenceRegion} />
      <Section id="props-heading" title="Properties by region">
        <PropertiesTable members={outline.members} properties={outline.properties} />
      </Section>
      <FindingsSection findings={outline.findings} compared={readGaps.compared} />
      <SameMeaningSection familyId={family.id} snapshotId={snapshot.id} />
      <DrReadinessSection
        familyId={family.id}
        snapshotId={snapshot.id}
        compared={readGaps.compared}
      />
      <GrantsSection members={outline.members} />
      <TimelineSection events={outline.events} />
      <WaiversSection findings={outline.findings} />
    </div>
  );
}
