import type { KeyRecord, ReadError } from "../domain/key-record";
import type { FamilyView, MemberView } from "./family-view";

/** Whether a property of a record was read: a property that could not be read is never compared. */
export function isReadable(record: KeyRecord, property: ReadError["property"]): boolean {
  if (property === "metadata") return !record.errors.some((e) => e.property === "metadata");
  return (
    record.audited &&
    !record.errors.some((e) => e.property === property || e.property === "metadata")
  );
}

export interface ComparablePair {
  reference: KeyRecord;
  actual: KeyRecord;
}

/** Reference vs every other member with a record, when both have `property` readable. */
export function comparablePairs(
  view: FamilyView,
  property: ReadError["property"],
): ComparablePair[] {
  const reference = view.reference?.record;
  if (!reference || !isReadable(reference, property)) return [];
  return view.members
    .filter(
      (m): m is MemberView & { record: KeyRecord } => m.record !== null && m.record !== reference,
    )
    .filter((m) => isReadable(m.record, property))
    .map((m) => ({ reference, actual: m.record }));
}
