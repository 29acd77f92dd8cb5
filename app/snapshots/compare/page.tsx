import type { Metadata } from "next";
import Link from "next/link";
import { compareQuerySchema, compareSnapshotPair } from "@/lib/server/snapshot-history";
import type { ComparisonView } from "@/lib/views/history";
import { ChangesView } from "@/components/snapshots/changes-view";
import { IncompleteScanNotice } from "@/components/snapshots/incomplete-scan-notice";
import { Notice } from "@/components/ui/notice";
import { TimeText } from "@/components/ui/time-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Compare snapshots" };

async function load(
  query: Record<string, string | string[] | undefined>,
): Promise<ComparisonView | string> {
  const parsed = compareQuerySchema.safeParse({ from: query.from, to: query.to });
  if (!parsed.success) return "Pick two snapshots to compare (from and to).";
  try {
    return await compareSnapshotPair(parsed.data.from, parsed.data.to);
  } catch (error) {
    if (error instanceof Error && error.name === "ApiError") return error.message;
    throw error;
  }
}

export default async function ComparePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const result = await load(await searchParams);
  return (
    <div>
      <h1 className="mb-2 text-2xl font-semibold">Compare snapshots</h1>
      {typeof result === "string" ? (
        <Notice title="Cannot compare" tone="error">
          {result}{" "}
          <Link className="underline" href="/snapshots">
            Choose on the snapshots page
          </Link>
          .
        </Notice>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">
            From <span className="font-mono">{result.from.id}</span> (
            <TimeText iso={result.from.startedAt} />, {result.from.status}) to{" "}
            <span className="font-mono">{result.to.id}</span> (
            <TimeText iso={result.to.startedAt} />, {result.to.status})
          </p>
          {result.to.status === "incomplete" ? (
            <div className="mb-6">
              <IncompleteScanNotice
                failed={result.to.failedRegions}
                regionCount={result.to.regionCount}
              />
            </div>
          ) : null}
          <ChangesView comparison={result.comparison} />
        </>
      )}
    </div>
  );
}
