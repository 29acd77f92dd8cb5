import type { Family } from "../domain/family";
import type { TrailEvent } from "../domain/trail-event";
import { dedupeTrailEvents, sortOldestFirst } from "./sort-events";
import { isWriteEventName } from "./write-events";

function aliasNameOf(event: TrailEvent): string | undefined {
  const parameters = event.requestParameters;
  if (typeof parameters !== "object" || parameters === null) return undefined;
  const name = (parameters as Record<string, unknown>).aliasName;
  return typeof name === "string" ? name : undefined;
}

function familyAliasName(family: Family): string | undefined {
  if (family.kind !== "alias") return undefined;
  return family.name.startsWith("alias/") ? family.name : `alias/${family.name}`;
}

/**
 * Every write event across a family's regions, oldest first: events touching any member key, and
 * for alias families also the alias's own events (an alias may move between keys).
 */
export function familyTimeline(family: Family, events: readonly TrailEvent[]): TrailEvent[] {
  const keyIds = new Set(family.members.map((member) => member.keyId));
  if (family.kind === "multi-region") keyIds.add(family.name);
  const aliasName = familyAliasName(family);
  const belongs = (event: TrailEvent): boolean =>
    event.account === family.account &&
    isWriteEventName(event.eventName) &&
    (event.keyIds.some((id) => keyIds.has(id)) ||
      (aliasName !== undefined && aliasNameOf(event) === aliasName));
  return sortOldestFirst(dedupeTrailEvents(events).filter(belongs));
}
