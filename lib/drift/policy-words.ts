import type { DeltaEntry } from "../domain/policy-evidence";
import { describeEntry, rankEntry, type SideNames } from "../policy/words";

/** The access delta in one sentence: the most telling change first, then how many more. */
export function describeAccessDelta(entries: readonly DeltaEntry[], names: SideNames): string {
  const ranked = [...entries].sort((a, b) => rankEntry(a) - rankEntry(b));
  const first = ranked[0];
  if (!first) return "";
  const more = ranked.length - 1;
  return `${describeEntry(first, names)}${more > 0 ? `; ${more} more access change${more > 1 ? "s" : ""}` : ""}`;
}
