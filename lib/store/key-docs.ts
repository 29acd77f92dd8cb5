/**
 * Where a key's stored document is read whole. Since migration 6 a key's policy is stored once per
 * snapshot in `snapshot_policies` and its document keeps `"policy": null` in its place; the view
 * `snapshot_key_docs` has the key's row columns, its `doc` and the `policy` stored apart (null for
 * a key stored with its policy inline, before migration 6, or with none).
 */
export const KEY_DOCS = "snapshot_key_docs";

/** The columns of KEY_DOCS that make a key's document, for `keyDocOf`. */
export const KEY_DOC_COLUMNS = "doc, policy";

/** A key's document with its policy put back in its place, when it was stored apart. */
export function keyDocOf(row: { doc: unknown; policy?: unknown }): unknown {
  const { doc, policy } = row;
  if (policy === null || policy === undefined) return doc;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return doc;
  return { ...doc, policy };
}
