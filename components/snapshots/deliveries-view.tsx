import type { DeliveryView } from "@/lib/views/history";
import { cn } from "../ui/cn";
import { TimeText } from "../ui/time-text";

const STATUS_TEXT: Record<DeliveryView["status"], string> = {
  pending: "pending (will retry)",
  sending: "sending",
  sent: "sent",
  failed: "failed",
  skipped: "nothing to announce",
  unknown: "outcome unknown (not resent)",
};

/** Each sink's delivery of this snapshot's digest, with every attempt and its outcome. */
export function DeliveriesView({ deliveries }: { deliveries: DeliveryView[] }) {
  if (deliveries.length === 0)
    return (
      <p className="text-sm">
        No notification for this snapshot (no <code>notify</code> sinks in the config when it was
        stored).
      </p>
    );
  return (
    <ul aria-label="Notification deliveries" className="space-y-3 text-sm">
      {deliveries.map((d) => (
        <li key={d.id} className="rounded border border-slate-300 p-3 dark:border-slate-700">
          <p>
            <span className="font-medium">{d.sink}</span> ({d.sinkType}):{" "}
            <span
              className={cn(
                "font-medium",
                (d.status === "failed" || d.status === "unknown") &&
                  "text-red-800 dark:text-red-300",
              )}
            >
              {STATUS_TEXT[d.status]}
            </span>
            {d.attempts > 0 ? ` after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}` : ""}
            {d.lastError && d.status !== "sent" ? ` — ${d.lastError}` : ""}
          </p>
          {d.attemptLog.length > 0 ? (
            <ol className="mt-1 list-decimal pl-5">
              {d.attemptLog.map((a) => (
                <li key={a.attempt}>
                  <TimeText iso={a.startedAt} />: {a.outcome ?? "in flight"}
                  {a.statusCode !== null ? ` (${a.statusCode})` : ""}
                  {a.error ? ` — ${a.error}` : ""}
                </li>
              ))}
            </ol>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
