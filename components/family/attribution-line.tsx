import type { Finding } from "@/lib/domain/finding";
import { TimeText } from "../ui/time-text";

/** Who made the change, from CloudTrail; "unattributed" with the reason when there is no event. */
export function AttributionLine({
  finding,
}: {
  finding: Pick<Finding, "attribution" | "attributionNote">;
}) {
  const first = finding.attribution[0];
  if (!first) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Changed by: unattributed
        {finding.attributionNote
          ? ` (${finding.attributionNote})`
          : " (no CloudTrail event found in the window)"}
      </p>
    );
  }
  return (
    <p className="text-sm">
      Changed by <span className="font-mono">{first.actor}</span> · {first.eventName} in{" "}
      {first.region} at <TimeText iso={first.eventTime} />
      {finding.attribution.length > 1
        ? ` · ${finding.attribution.length - 1} earlier event(s)`
        : ""}
    </p>
  );
}
