import type { KeyObject } from "node:crypto";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import type { SnapshotStore } from "../store/store-types";
import { toAsffFindings } from "./asff";
import { createBundle } from "./bundle";
import { toSafeJson } from "./control-chars";
import { generateCsvLines } from "./csv";
import { renderHtmlReport } from "./html-report";
import { toOcsfFindings } from "./ocsf";

export const EXPORT_FORMATS = ["bundle", "csv", "html", "asff", "ocsf"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What an HTTP route needs to answer with a download (send it with `Cache-Control: no-store`). */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: string | ReadableStream<Uint8Array>;
}

export interface ExportInput {
  snapshot: Snapshot;
  /** Against the previous snapshot; null for the first one. */
  comparison: SnapshotComparison | null;
  signingKey?: KeyObject;
  createdAt?: Date;
}

/** Letters, digits, dot, dash and underscore only: safe in Content-Disposition and on any file system. */
export function sanitiseFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^[._]+/, "");
  return cleaned.slice(0, 120) || "export";
}

export function contentDisposition(filename: string): string {
  return `attachment; filename="${sanitiseFilename(filename)}"`;
}

function streamLines(lines: Iterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = lines[Symbol.iterator]();
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      // A few hundred rows per chunk keeps chunks near 64 KiB without one string per snapshot.
      let chunk = "";
      for (let i = 0; i < 256; i += 1) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}

export function buildExportFile(format: ExportFormat, input: ExportInput): ExportFile {
  const base = sanitiseFilename(`kms-drift-${input.snapshot.id}`);
  switch (format) {
    case "bundle":
      return {
        filename: `${base}.evidence.json`,
        contentType: "application/json; charset=utf-8",
        body: `${toSafeJson(createBundle(input))}\n`,
      };
    case "csv":
      return {
        filename: `${base}.findings.csv`,
        contentType: "text/csv; charset=utf-8",
        body: streamLines(generateCsvLines(input.snapshot)),
      };
    case "html":
      return {
        filename: `${base}.report.html`,
        contentType: "text/html; charset=utf-8",
        body: renderHtmlReport(input),
      };
    case "asff":
      return {
        filename: `${base}.asff.json`,
        contentType: "application/json; charset=utf-8",
        body: `${toSafeJson(toAsffFindings(input.snapshot))}\n`,
      };
    case "ocsf":
      return {
        filename: `${base}.ocsf.json`,
        contentType: "application/json; charset=utf-8",
        body: `${toSafeJson(toOcsfFindings(input.snapshot))}\n`,
      };
  }
}

/** Loads the snapshot (an id or `latest`) and what changed since the one before it; null when unknown. */
export async function loadExportInput(
  store: SnapshotStore,
  snapshotId: string,
): Promise<Omit<ExportInput, "signingKey"> | null> {
  const snapshot = await store.getSnapshot(snapshotId);
  if (!snapshot) return null;
  const changes = await store.getChanges(snapshot.id);
  return { snapshot, comparison: changes && changes.fromSnapshotId !== null ? changes : null };
}

/** One call for a route handler: the export file for a stored snapshot, or null when there is none. */
export async function exportSnapshot(
  store: SnapshotStore,
  options: { snapshotId: string; format: ExportFormat; signingKey?: KeyObject; createdAt?: Date },
): Promise<ExportFile | null> {
  const input = await loadExportInput(store, options.snapshotId);
  if (!input) return null;
  return buildExportFile(options.format, {
    ...input,
    ...(options.signingKey ? { signingKey: options.signingKey } : {}),
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  });
}

export async function readBody(body: ExportFile["body"]): Promise<string> {
  if (typeof body === "string") return body;
  return new Response(body).text();
}
