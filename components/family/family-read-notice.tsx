import type { FamilyReadGaps } from "@/lib/drift/family-read-gaps";
import { Notice } from "../ui/notice";

/** "Could not compare" and "not read" for one family: what its findings cannot tell. */
export function FamilyReadNotice({
  gaps,
  referenceRegion,
}: {
  gaps: FamilyReadGaps;
  referenceRegion: string | null;
}) {
  if (gaps.compared && gaps.unread.length === 0) return null;
  const regions = (
    <ul className="list-disc pl-5">
      {gaps.unread.map((u) => (
        <li key={u.region}>
          {u.region}: {u.reason}
        </li>
      ))}
    </ul>
  );
  return (
    <div className="mb-6">
      {gaps.compared ? (
        <Notice title="Some regions were not read" role="status">
          {regions}
          <p className="mt-2">
            Whether this family has a member there, and its state, is unknown. The other members
            were compared with {referenceRegion ?? "the reference region"}.
          </p>
        </Notice>
      ) : (
        <Notice title="Could not compare" tone="error" role="status">
          {gaps.unread.length > 0 ? regions : null}
          <p className="mt-2">
            This family has no reference region in this snapshot, so none of its properties was
            compared: its drift is unknown, and no member is in sync. Its findings from earlier
            snapshots count as unverified, not resolved.
          </p>
        </Notice>
      )}
    </div>
  );
}
