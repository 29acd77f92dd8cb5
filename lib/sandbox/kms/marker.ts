import { z } from "zod";
import { kmsError } from "./errors";

const markerSchema = z.object({ o: z.string(), p: z.union([z.string(), z.number()]) });

/**
 * Opaque pagination markers (real KMS markers are base64 JSON too: docs/aws-facts.md#pagination). A
 * marker is bound to its operation and carries the position to resume from, so pages never rescan.
 */
export function encodeMarker(operation: string, position: string | number): string {
  return Buffer.from(JSON.stringify({ o: operation, p: position })).toString("base64");
}

export function decodeMarker(operation: string, marker: string): string | number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(marker, "base64").toString("utf8"));
  } catch {
    throw invalidMarker();
  }
  const read = markerSchema.safeParse(parsed);
  if (!read.success || read.data.o !== operation) throw invalidMarker();
  return read.data.p;
}

/** Markers that hold a position in an ordered list (a sequence number or an index). */
export function decodeIndexMarker(operation: string, marker: string): number {
  const position = decodeMarker(operation, marker);
  if (typeof position !== "number" || !Number.isSafeInteger(position) || position < 0)
    throw invalidMarker();
  return position;
}

/** Markers that hold a name to resume from. */
export function decodeNameMarker(operation: string, marker: string): string {
  const position = decodeMarker(operation, marker);
  if (typeof position !== "string") throw invalidMarker();
  return position;
}

function invalidMarker() {
  return kmsError(
    "InvalidMarkerException",
    "The request was rejected because the marker that specifies where pagination should next begin is not valid.",
  );
}

/** One page: `NextMarker` only while truncated (the SDK paginator follows any NextMarker it sees). */
export function formatPage<T>(
  items: T[],
  listKey: string,
  next: string | undefined,
): Record<string, unknown> {
  return next === undefined
    ? { [listKey]: items, Truncated: false }
    : { [listKey]: items, NextMarker: next, Truncated: true };
}
