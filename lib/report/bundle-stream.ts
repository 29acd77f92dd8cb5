import type { KeyObject } from "node:crypto";
import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { readPagedArray, type PagedArray } from "../store/bundle-reads";
import type { SnapshotStore } from "../store/store-types";
import { bundleParameters, digestJson, signManifest } from "./bundle";
import { canonicalJsonChunks, digestChunks, LazyArray, prettyJsonChunks } from "./bundle-json";
import type { BundleManifest, BundlePart } from "./bundle-types";
import { neutraliseControlChars } from "./control-chars";
import { collectWaivers } from "./waivers";

// Rows per store read: a page's documents are all the bundle holds of an array at once.
export const BUNDLE_PAGE_SIZE = 500;

export interface StreamBundleOptions {
  signingKey?: KeyObject;
  createdAt?: Date;
  pageSize?: number;
}

export interface StreamedBundle {
  snapshotId: string;
  /** The bundle file's text, `${toSafeJson(createBundle(…))}\n` byte for byte, read from the rows again. */
  text(): AsyncGenerator<string>;
}

type RowCounts = Record<PagedArray, number | null>;
/** The snapshot with its four large arrays read from the rows as they are written. */
function lazySnapshot(
  store: SnapshotStore,
  header: Snapshot,
  counts: RowCounts,
  pageSize: number,
  onFinding: (finding: Finding) => void = () => undefined,
): Record<string, unknown> {
  const lazy = (array: PagedArray, each: (element: unknown) => void = () => undefined) =>
    new LazyArray(async function* () {
      for await (const element of readPagedArray(
        store,
        header.id,
        array,
        counts[array],
        pageSize,
      )) {
        each(element);
        yield element;
      }
    });
  // Replacing the header's empty arrays keeps each member where a whole snapshot has it.
  return {
    ...header,
    keys: lazy("keys"),
    families: lazy("families"),
    findings: lazy("findings", (f) => onFinding(f as Finding)),
    events: lazy("events"),
  };
}

/**
 * The evidence bundle of a stored snapshot, read from its rows a page at a time: the same file as
 * `createBundle` over the whole snapshot. Two passes over the rows: the digests are over each
 * part's canonical JSON (members sorted: `events` before `keys`), the file has the members in the
 * snapshot's own order, and a sha256 runs front to back. The first pass (here, before anything is
 * written) checks every row, so an unreadable one is an error before the answer starts; `text()`
 * is the second. Null when the snapshot is not stored.
 */
export async function streamBundle(
  store: SnapshotStore,
  snapshotId: string,
  options: StreamBundleOptions = {},
): Promise<StreamedBundle | null> {
  const header = await store.snapshotPart(snapshotId, {});
  if (!header) return null;
  const counts = await store.snapshotRowCounts(header.id);
  if (!counts) return null;
  const createdAt = options.createdAt ?? new Date();
  const pageSize = options.pageSize ?? BUNDLE_PAGE_SIZE;

  const waived: Finding[] = [];
  const snapshotDigest = await digestChunks(
    canonicalJsonChunks(
      lazySnapshot(store, header, counts, pageSize, (f) => {
        if (f.waived) waived.push(f);
      }),
    ),
  );
  // After the rows, as a whole read: an unreadable row is reported before the comparison.
  const changes = await store.getChanges(header.id);
  const comparison = changes && changes.fromSnapshotId !== null ? changes : null;
  const parameters = bundleParameters(header);
  const waivers = collectWaivers({ ...header, findings: waived }, createdAt);
  const digests: Record<BundlePart, string> = {
    snapshot: snapshotDigest,
    parameters: digestJson(parameters),
    comparison: digestJson(comparison),
    waivers: digestJson(waivers),
  };
  const manifest: BundleManifest = { algorithm: "sha256", digests };
  const bundle = {
    bundleVersion: 1,
    createdAt: createdAt.toISOString(),
    tool: header.tool,
    parts: {
      snapshot: lazySnapshot(store, header, counts, pageSize),
      parameters,
      comparison,
      waivers,
    },
    manifest,
    ...(options.signingKey ? { signature: signManifest(manifest, options.signingKey) } : {}),
  };
  return {
    snapshotId: header.id,
    async *text() {
      // As toSafeJson: escaping piece by piece is escaping the whole (no piece splits a string).
      for await (const chunk of prettyJsonChunks(bundle))
        yield neutraliseControlChars(chunk, { style: "json", keep: "\n" });
      yield "\n";
    },
  };
}
