export { attributeFindings } from "./attribute";
export {
  collectTrailEvents,
  DEFAULT_MAX_LOOKUPS,
  type CollectTrailOptions,
  type CollectTrailResult,
} from "./collect";
export { coverageKey, type CoverageIndex } from "./coverage-notes";
export { aliasMapFromKeys } from "./alias-map";
export type { LookupClient } from "./lookup-page";
export { createLookupPacer, type Pacer, type PacerOptions } from "./pacer";
export {
  parseCloudTrailRecord,
  parseLookupEvent,
  type ParseResult,
  type RecordContext,
} from "./parse-record";
export { describeActor, shortenActor } from "./record-actor";
export { resolveKeyReference, type AliasMap } from "./record-keys";
export { dedupeTrailEvents } from "./sort-events";
export { familyTimeline } from "./timeline";
export { parseSince, resolveTrailWindow, TRAIL_RETENTION_DAYS, type TrailWindow } from "./window";
export {
  canExplain,
  isWriteEventName,
  WRITE_EVENT_NAMES,
  WRITE_EVENT_PROPERTIES,
  type WriteEventName,
} from "./write-events";
