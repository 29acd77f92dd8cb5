import type { z } from "zod";
import { SNAPSHOT_SCHEMA_VERSION, snapshotSchema, type Snapshot } from "./snapshot";

/** A stored document that is not a snapshot this kms-drift can read: never misread, refused. */
export class SnapshotFormatError extends Error {
  override readonly name = "SnapshotFormatError";
}

type Issue = z.core.$ZodIssue;

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

/**
 * The issue to report, with its full path: inside a union, the branch that came closest (fewest
 * issues), so the message names the field that is wrong rather than "invalid input".
 */
function deepestIssue(
  issue: Issue,
  path: readonly PropertyKey[] = [],
): { path: string; message: string } {
  const full = [...path, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    const first = closest?.[0];
    if (first) return deepestIssue(first, full);
  }
  return { path: pathText(full), message: issue.message };
}

/**
 * Checks `value` against `schema`; the error names `label` and the first wrong field, its path
 * starting with `at` (where `value` sits in the snapshot: `["findings", 3]`).
 */
export function parseStored<T>(
  schema: z.ZodType<T>,
  value: unknown,
  label: string,
  at: readonly PropertyKey[] = [],
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const where = first ? deepestIssue(first, at) : { path: pathText(at), message: "invalid" };
  throw new SnapshotFormatError(
    `${label} is not readable: ${where.path || "the document"}: ${where.message}`,
  );
}

/**
 * A stored snapshot (`label` names it: `stored snapshot 2026-…`), checked against the schema this
 * kms-drift writes. Another `schemaVersion` is refused with a message saying why: there is no older
 * format to migrate from yet, and a newer one needs a newer kms-drift. A format change bumps
 * SNAPSHOT_SCHEMA_VERSION and adds its migration from the previous version here.
 */
export function parseStoredSnapshot(value: unknown, label: string): Snapshot {
  const version =
    typeof value === "object" && value !== null && "schemaVersion" in value
      ? value.schemaVersion
      : undefined;
  if (version !== SNAPSHOT_SCHEMA_VERSION) {
    if (typeof version === "number" && version > SNAPSHOT_SCHEMA_VERSION)
      throw new SnapshotFormatError(
        `${label} has schemaVersion ${version}; this kms-drift reads schemaVersion ${SNAPSHOT_SCHEMA_VERSION}: read it with the newer kms-drift that wrote it`,
      );
    throw new SnapshotFormatError(
      `${label} has schemaVersion ${JSON.stringify(version) ?? "(none)"}, which no kms-drift writes: it is not a snapshot this kms-drift can read`,
    );
  }
  return parseStored(snapshotSchema, value, label);
}
