import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { decodeRouteParam } from "@/lib/http/request-shape";
import { getSnapshotDetail } from "@/lib/server/snapshot-history";
import type { SnapshotDetail } from "@/lib/views/history";
import { ChangesView } from "@/components/snapshots/changes-view";
import { DeliveriesView } from "@/components/snapshots/deliveries-view";
import { ExportLinks } from "@/components/snapshots/export-links";
import { IncompleteScanNotice } from "@/components/snapshots/incomplete-scan-notice";
import { StorageNotes } from "@/components/snapshots/storage-notes";
import { Section } from "@/components/ui/section";
import { TimeText } from "@/components/ui/time-text";

export const dynamic = "force-dynamic";
// No loading.tsx above this page: a Suspense fallback would start the response as 200 before
// notFound() could make it a 404 (Next.js: "Status codes" under loading.js).
export const metadata: Metadata = { title: "Snapshot" };

async function load(rawId: string): Promise<SnapshotDetail> {
  const id = decodeRouteParam(rawId);
  if (id === null) notFound();
  try {
    return await getSnapshotDetail(id);
  } catch (error) {
    if (error instanceof Error && (error.name === "ApiError" || error.name === "ZodError"))
      notFound();
    throw error;
  }
}

export default async function SnapshotPage({ params }: { params: Promise<{ id: string }> }) {
  const { snapshot, changes, deliveries } = await load((await params).id);
  return (
    <div>
      <h1 className="text-2xl font-semibold">
        Snapshot <span className="font-mono">{snapshot.id}</span>
      </h1>
      <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
        <TimeText iso={snapshot.startedAt} /> → <TimeText iso={snapshot.finishedAt} /> ·{" "}
        {snapshot.summary.keys} keys · {snapshot.summary.families} families ·{" "}
        {snapshot.summary.findings} findings · {snapshot.source.kind} · {snapshot.tool.name}{" "}
        {snapshot.tool.version} · {snapshot.status}
      </p>
      {snapshot.status === "incomplete" ? (
        <div className="mb-6">
          <IncompleteScanNotice
            failed={snapshot.failedRegions}
            regionCount={snapshot.regionCount}
          />
        </div>
      ) : null}
      {snapshot.storageNotes && snapshot.storageNotes.length > 0 ? (
        <div className="mb-6">
          <StorageNotes notes={snapshot.storageNotes} />
        </div>
      ) : null}
      <Section id="downloads-heading" title="Downloads">
        <ExportLinks snapshotId={snapshot.id} />
      </Section>
      <Section id="notifications-heading" title="Notifications">
        <DeliveriesView deliveries={deliveries} />
      </Section>
      <Section id="changes-heading" title="What changed since the previous snapshot">
        {changes && changes.fromSnapshotId ? (
          <ChangesView comparison={changes} />
        ) : (
          <p className="text-sm">This is the first snapshot: every finding is new.</p>
        )}
      </Section>
    </div>
  );
}
