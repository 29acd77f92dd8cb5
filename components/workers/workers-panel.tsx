"use client";

import type { WorkerView, WorkersStatus } from "@/lib/views/workers-status";
import { ColumnHeaders } from "../ui/column-headers";
import { useWorkersStatus } from "./use-workers-status";

function WorkerRow({ worker }: { worker: WorkerView }) {
  return (
    <tr className="border-t border-slate-200 dark:border-slate-700">
      <td className="py-1 pr-3 font-mono">
        {worker.host}:{worker.pid}
      </td>
      <td className="py-1 pr-3">{worker.alive ? "alive" : "gone"}</td>
      <td className="py-1 pr-3 text-right tabular-nums">{worker.shardsActive}</td>
      <td className="py-1 pr-3 text-right tabular-nums">{worker.shardsDone}</td>
      <td className="py-1 pr-3 text-right tabular-nums">{worker.shardsFailed}</td>
      <td className="max-w-xs truncate py-1" title={worker.lastError ?? undefined}>
        {worker.lastError ?? "—"}
      </td>
    </tr>
  );
}

function QueuePanel({ status }: { status: Extract<WorkersStatus, { mode: "queue" }> }) {
  const alive = status.workers.filter((w) => w.alive).length;
  const scan = status.scan;
  return (
    <section
      aria-labelledby="workers-heading"
      className="w-full rounded border border-slate-300 p-3 text-sm dark:border-slate-600"
    >
      <h2 id="workers-heading" className="mb-1 font-semibold">
        Workers: {alive} alive
      </h2>
      {status.error ? (
        <p className="text-red-800 dark:text-red-300">Job queue unreadable: {status.error}</p>
      ) : null}
      {scan ? (
        <p className="mb-2 text-slate-700 dark:text-slate-300">
          {scan.finishedAt ? "Last distributed scan" : "Distributed scan running"}:{" "}
          {scan.shardsDone} of {scan.shardsTotal} shards done
          {scan.shardsFailed > 0 ? `, ${scan.shardsFailed} failed` : ""}
        </p>
      ) : null}
      {status.workers.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">
          No worker seen in the last hour: start one with kms-drift worker.
        </p>
      ) : (
        <table className="w-full">
          <ColumnHeaders
            columns={[
              "Worker",
              "State",
              { label: "Busy", numeric: true },
              { label: "Shards done", numeric: true },
              { label: "Errors", numeric: true },
              "Last error",
            ]}
          />
          <tbody>
            {status.workers.map((w) => (
              <WorkerRow key={w.id} worker={w} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The worker processes of a distributed dashboard (KMS_DRIFT_WORKERS=queue); nothing otherwise. */
export function WorkersPanel() {
  const { data } = useWorkersStatus();
  if (data === undefined || data.mode === "local") return null;
  return <QueuePanel status={data} />;
}
