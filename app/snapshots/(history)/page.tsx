import type { Metadata } from "next";
import Link from "next/link";
import { snapshotStatus } from "@/lib/domain/snapshot-status";
import { listSnapshotHistory } from "@/lib/server/snapshot-history";
import { FirstScanPending } from "@/components/scan/first-scan-pending";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Section } from "@/components/ui/section";
import { TimeText } from "@/components/ui/time-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Snapshots" };

/** One end of the comparison: every stored snapshot, by id and start time. */
function SnapshotSelect({
  label,
  name,
  snapshots,
  selected,
}: {
  label: string;
  name: string;
  snapshots: { id: string; startedAt: string }[];
  selected: string | undefined;
}) {
  return (
    <label className="flex flex-col">
      {label}
      <select
        name={name}
        defaultValue={selected}
        className="rounded border border-slate-300 bg-transparent px-1 py-1 dark:border-slate-700"
      >
        {snapshots.map((s) => (
          <option key={s.id} value={s.id}>
            {s.id} · {s.startedAt.slice(0, 19)}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function SnapshotsPage() {
  const snapshots = await listSnapshotHistory({ limit: 100 });
  return (
    <div>
      <h1 className="mb-4 text-2xl font-semibold">Snapshots</h1>
      {snapshots.length === 0 ? (
        <FirstScanPending />
      ) : (
        <>
          <Section id="compare-heading" title="Compare two snapshots">
            <form
              action="/snapshots/compare"
              method="get"
              className="flex flex-wrap items-end gap-3 text-sm"
            >
              <SnapshotSelect
                label="From (older)"
                name="from"
                snapshots={snapshots}
                selected={snapshots[1]?.id ?? snapshots[0]?.id}
              />
              <SnapshotSelect
                label="To (newer)"
                name="to"
                snapshots={snapshots}
                selected={snapshots[0]?.id}
              />
              <button type="submit" className="rounded bg-blue-700 px-3 py-1 text-white">
                Compare
              </button>
            </form>
          </Section>
          <Section id="history-heading" title="History">
            <ScrollRegion label="Stored snapshots, scrollable">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Stored snapshots, newest first</caption>
                <ColumnHeaders
                  columns={[
                    "Snapshot",
                    "Taken",
                    "Status",
                    { label: "Families", numeric: true },
                    { label: "Findings", numeric: true },
                    "Since the previous",
                  ]}
                />
                <tbody>
                  {snapshots.map((s) => (
                    <tr key={s.id} className="border-b border-slate-100 dark:border-slate-900">
                      <td className="py-1 pr-3">
                        <Link
                          className="font-mono text-blue-700 underline dark:text-blue-300"
                          href={`/snapshots/${encodeURIComponent(s.id)}`}
                        >
                          {s.id}
                        </Link>
                      </td>
                      <td className="py-1 pr-3">
                        <TimeText iso={s.startedAt} />
                      </td>
                      <td className="py-1 pr-3">{snapshotStatus(s.summary)}</td>
                      <td className="py-1 pr-3 text-right">{s.summary.families}</td>
                      <td className="py-1 pr-3 text-right">{s.summary.findings}</td>
                      <td className="py-1">
                        {s.changes
                          ? `${s.changes.new} new, ${s.changes.resolved} resolved, ${s.changes.changed} changed${s.changes.unverified ? `, ${s.changes.unverified} not checked` : ""}`
                          : "first snapshot"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </Section>
        </>
      )}
    </div>
  );
}
