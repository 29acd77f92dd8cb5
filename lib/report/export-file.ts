import type { KeyObject } from "node:crypto";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import type { SnapshotStore } from "../store/store-types";
import type { ExportFindingRow } from "../store/export-reads";
import { toAsffFinding, toAsffFindings } from "./asff";
import { createBundle } from "./bundle";
import { streamBundle } from "./bundle-stream";
import { toSafeJson } from "./control-chars";
import { CSV_HEADER_LINE, findingCsvLine, generateCsvLines } from "./csv";
import { renderHtmlReport, reportChunks } from "./html-report";
import { readReportData } from "./html/report-rows";
import { toOcsfFinding, toOcsfFindings } from "./ocsf";

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

/** A sync iterable as an async one (the streams below take either). */
async function* fromIterable(lines: Iterable<string>): AsyncGenerator<string> {
  yield* lines;
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
        body: streamText(fromIterable(generateCsvLines(input.snapshot))),
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

/** The formats made of one record per finding: streamed from the store's rows, never a whole snapshot. */
const ROW_FORMATS = ["csv", "asff", "ocsf"] as const;
type RowFormat = (typeof ROW_FORMATS)[number];

function isRowFormat(format: ExportFormat): format is RowFormat {
  return (ROW_FORMATS as readonly string[]).includes(format);
}

// Findings per store read: a page's documents are all the export holds at once.
export const EXPORT_PAGE_SIZE = 500;

/**
 * The snapshot's findings with their key and family, a page at a time (keyset on position),
 * starting with `first`, the page already read.
 */
export async function* exportFindingRows(
  store: SnapshotStore,
  snapshotId: string,
  first: ExportFindingRow[],
  pageSize = EXPORT_PAGE_SIZE,
): AsyncGenerator<ExportFindingRow> {
  for (let page = first; ;) {
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    page = await store.exportFindings(snapshotId, last.position, pageSize);
  }
}

/**
 * `${toSafeJson(array)}\n` of the elements, one element at a time: the same bytes as
 * JSON.stringify(array, null, 2), whose elements sit one level deep.
 */
async function* safeJsonArrayLines(elements: AsyncIterable<unknown>): AsyncGenerator<string> {
  let first = true;
  for await (const element of elements) {
    yield `${first ? "[\n" : ",\n"}  ${toSafeJson(element).replaceAll("\n", "\n  ")}`;
    first = false;
  }
  yield first ? "[]\n" : "\n]\n";
}

async function* rowFormatLines(
  format: RowFormat,
  header: Snapshot,
  rows: AsyncIterable<ExportFindingRow>,
): AsyncGenerator<string> {
  switch (format) {
    case "csv":
      yield CSV_HEADER_LINE;
      for await (const row of rows) yield findingCsvLine(header.id, row.finding);
      return;
    case "asff":
      yield* safeJsonArrayLines(
        mapRows(rows, (row) => toAsffFinding(header, row.finding, row.firstKeyArn ?? undefined)),
      );
      return;
    case "ocsf":
      yield* safeJsonArrayLines(
        mapRows(rows, (row) =>
          toOcsfFinding(header, row.finding, row.lastKey ?? undefined, row.family ?? undefined),
        ),
      );
      return;
  }
}

async function* mapRows<T>(
  rows: AsyncIterable<ExportFindingRow>,
  map: (row: ExportFindingRow) => T,
): AsyncGenerator<T> {
  for await (const row of rows) yield map(row);
}

/** Pieces of text as a byte stream, in chunks of about 64 KiB. */
function streamText(pieces: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pieces[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64 * 1024) {
        const next = await iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
}

const ROW_FORMAT_FILES: Record<RowFormat, { suffix: string; contentType: string }> = {
  csv: { suffix: "findings.csv", contentType: "text/csv; charset=utf-8" },
  asff: { suffix: "asff.json", contentType: "application/json; charset=utf-8" },
  ocsf: { suffix: "ocsf.json", contentType: "application/json; charset=utf-8" },
};

/**
 * A csv, asff or ocsf export read from the store's rows a page at a time: the snapshot's header
 * (no keys, no findings) and each finding with its key and family, so memory stays flat with the
 * snapshot's size. Null when the snapshot is not stored.
 */
export async function streamRowExport(
  store: SnapshotStore,
  snapshotId: string,
  format: RowFormat,
  pageSize = EXPORT_PAGE_SIZE,
): Promise<ExportFile | null> {
  const header = await store.snapshotPart(snapshotId, {});
  if (!header) return null;
  // Read before the answer starts: a snapshot whose first findings cannot be read is a 500 with
  // the reason, not a 200 whose download breaks off.
  const first = await store.exportFindings(header.id, -1, pageSize);
  const { suffix, contentType } = ROW_FORMAT_FILES[format];
  return {
    filename: `${sanitiseFilename(`kms-drift-${header.id}`)}.${suffix}`,
    contentType,
    body: streamText(
      rowFormatLines(format, header, exportFindingRows(store, header.id, first, pageSize)),
    ),
  };
}

/**
 * The evidence bundle read from the store's rows a page at a time (lib/report/bundle-stream.ts):
 * every row is read and checked before the file starts, so an unreadable one is an error, not a
 * download that breaks off. Null when the snapshot is not stored.
 */
export async function streamBundleExport(
  store: SnapshotStore,
  snapshotId: string,
  options: { signingKey?: KeyObject; createdAt?: Date; pageSize?: number } = {},
): Promise<ExportFile | null> {
  const bundle = await streamBundle(store, snapshotId, options);
  if (!bundle) return null;
  return {
    filename: `${sanitiseFilename(`kms-drift-${bundle.snapshotId}`)}.evidence.json`,
    contentType: "application/json; charset=utf-8",
    body: streamText(bundle.text()),
  };
}

/**
 * The HTML report read from the store's rows a page at a time (lib/report/html/report-rows.ts):
 * it holds every finding and the family ids, never the key documents. Null when not stored.
 */
export async function htmlReportExport(
  store: SnapshotStore,
  snapshotId: string,
  options: { createdAt?: Date; pageSize?: number } = {},
): Promise<ExportFile | null> {
  const read = await readReportData(store, snapshotId, options.pageSize ?? EXPORT_PAGE_SIZE);
  if (!read) return null;
  return {
    filename: `${sanitiseFilename(`kms-drift-${read.data.header.id}`)}.report.html`,
    contentType: "text/html; charset=utf-8",
    body: streamText(
      fromIterable(reportChunks({ ...read, createdAt: options.createdAt ?? new Date() })),
    ),
  };
}

/**
 * One call for a route handler: the export file for a stored snapshot, or null when there is none.
 * Every format reads the store's rows a page at a time, never the whole snapshot.
 */
export async function exportSnapshot(
  store: SnapshotStore,
  options: { snapshotId: string; format: ExportFormat; signingKey?: KeyObject; createdAt?: Date },
): Promise<ExportFile | null> {
  if (isRowFormat(options.format))
    return streamRowExport(store, options.snapshotId, options.format);
  if (options.format === "bundle")
    return streamBundleExport(store, options.snapshotId, {
      ...(options.signingKey ? { signingKey: options.signingKey } : {}),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    });
  return htmlReportExport(store, options.snapshotId, {
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  });
}

/** The body's bytes a chunk at a time, so a streamed export never sits whole in memory. */
export async function* bodyChunks(body: ExportFile["body"]): AsyncGenerator<Uint8Array> {
  if (typeof body === "string") {
    yield new TextEncoder().encode(body);
    return;
  }
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function readBody(body: ExportFile["body"]): Promise<string> {
  if (typeof body === "string") return body;
  return new Response(body).text();
}
