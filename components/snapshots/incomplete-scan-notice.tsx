import type { FailedRegion } from "@/lib/domain/snapshot-status";
import { Notice } from "../ui/notice";

/** What an incomplete snapshot means: which regions failed, and that their findings are unknown. */
export function IncompleteScanNotice({
  failed,
  regionCount,
}: {
  failed: FailedRegion[];
  regionCount: number;
}) {
  return (
    <Notice
      title={`Incomplete scan: ${failed.length} of ${regionCount} regions could not be read`}
      tone="error"
      role="status"
    >
      <ul className="list-disc pl-5">
        {failed.map((r) => (
          <li key={`${r.account}/${r.region}`}>
            <span className="font-mono">
              {r.account}/{r.region}
            </span>
            : {r.error}
          </li>
        ))}
      </ul>
      <p className="mt-2">
        Their findings are unknown: nothing there is reported as drifted or as in sync, families
        whose reference region failed could not be compared, and findings of earlier snapshots there
        count as unverified, not resolved.
      </p>
    </Notice>
  );
}
