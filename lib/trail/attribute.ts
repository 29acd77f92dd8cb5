import type { Family } from "../domain/family";
import type { AttributionRef, Finding } from "../domain/finding";
import type { TrailEvent } from "../domain/trail-event";
import {
  describeEmptyWindow,
  describeGap,
  formatUtc,
  getCoverage,
  type CoverageIndex,
} from "./coverage-notes";
import { shortenActor } from "./record-actor";
import { dedupeTrailEvents, sortNewestFirst } from "./sort-events";
import { canExplain } from "./write-events";

const TITLE_SUFFIX = " — last changed by ";

interface Scope {
  region: string;
  keyIds: ReadonlySet<string>;
}

function memberKeyIds(family: Family | undefined, region: string): string[] {
  return (
    family?.members.filter((member) => member.region === region).map((member) => member.keyId) ?? []
  );
}

/** The finding's own region, and the reference region (the reference may be what moved). */
function scopesFor(finding: Finding, family: Family | undefined): Scope[] {
  const own = {
    region: finding.region,
    keyIds: new Set([finding.keyId, ...memberKeyIds(family, finding.region)]),
  };
  const reference = finding.referenceRegion;
  if (!reference || reference === finding.region) return [own];
  // Alias families hold a different key in each region; multi-region keys share one id.
  return [
    own,
    { region: reference, keyIds: new Set([finding.keyId, ...memberKeyIds(family, reference)]) },
  ];
}

function inScope(event: TrailEvent, scope: Scope): boolean {
  return event.region === scope.region && event.keyIds.some((id) => scope.keyIds.has(id));
}

function replicaRegionOf(event: TrailEvent): string | undefined {
  const parameters = event.requestParameters;
  if (typeof parameters !== "object" || parameters === null) return undefined;
  const region = (parameters as Record<string, unknown>).replicaRegion;
  return typeof region === "string" ? region : undefined;
}

function explains(event: TrailEvent, finding: Finding, scopes: Scope[]): boolean {
  if (event.account !== finding.account || event.errorCode) return false;
  if (!canExplain(event.eventName, finding.property)) return false;
  const aboutReplicas =
    finding.property === "replicaSet" ||
    finding.property === "residency" ||
    finding.property === "usage";
  if (aboutReplicas && event.eventName === "ReplicateKey") {
    // Logged in the primary key's region, wherever that is; replicaRegion names the replica it made.
    if (!event.keyIds.includes(finding.keyId)) return false;
    const target = replicaRegionOf(event);
    if (target === undefined || target === finding.region) return true;
    return finding.property === "replicaSet" && event.region === finding.region;
  }
  if (aboutReplicas && event.eventName === "CreateKey") {
    // The replica's own region logs the CreateKey that ReplicateKey caused.
    return scopes.some((scope) => scope.region === finding.region && inScope(event, scope));
  }
  return scopes.some((scope) => inScope(event, scope));
}

function toRef(event: TrailEvent): AttributionRef {
  const { eventId, eventTime, eventName, region, actor } = event;
  return { eventId, eventTime, eventName, region, actor };
}

function baseTitle(title: string): string {
  const at = title.indexOf(TITLE_SUFFIX);
  return at === -1 ? title : title.slice(0, at);
}

function noteFor(finding: Finding, scopes: Scope[], coverage: CoverageIndex): string {
  const gaps = scopes
    .map((scope, index) =>
      describeGap(
        getCoverage(coverage, finding.account, scope.region),
        scope.region,
        index === 0 ? "" : "reference region",
      ),
    )
    .filter((gap): gap is string => gap !== undefined);
  if (gaps.length > 0) return gaps.join("; ");
  return describeEmptyWindow(getCoverage(coverage, finding.account, finding.region));
}

/**
 * Joins findings to the CloudTrail write events that can explain them (newest first). A finding
 * with none gets a note: the lookup failed or was skipped in a region that matters, or the change
 * predates the window. Pure: returns new findings, the input is untouched.
 */
export function attributeFindings(
  findings: readonly Finding[],
  events: readonly TrailEvent[],
  families: readonly Family[],
  coverage: CoverageIndex,
): Finding[] {
  const familiesById = new Map(families.map((family) => [family.id, family]));
  const candidates = sortNewestFirst(dedupeTrailEvents(events));
  return findings.map((finding) => {
    const scopes = scopesFor(finding, familiesById.get(finding.familyId));
    const attribution = candidates.filter((event) => explains(event, finding, scopes)).map(toRef);
    const title = baseTitle(finding.title);
    const { attributionNote: _previousNote, ...rest } = finding;
    const latest = attribution[0];
    if (latest) {
      const suffix = `${TITLE_SUFFIX}${shortenActor(latest.actor)} on ${formatUtc(latest.eventTime)}`;
      return { ...rest, title: `${title}${suffix}`, attribution };
    }
    return { ...rest, title, attribution, attributionNote: noteFor(finding, scopes, coverage) };
  });
}
