import type { SnapshotComparison } from "../../history/compare";
import { readPagedArray } from "../../store/bundle-reads";
import type { SnapshotStore } from "../../store/store-types";
import { ReportDataBuilder, type ReportData } from "./report-data";

/**
 * The report's data read from the store's rows a page at a time: the findings whole (the report
 * shows every one), then the families and keys page by page, keeping only what the report shows of
 * them. Every row is read and checked here, before the report starts. Null when not stored.
 */
export async function readReportData(
  store: SnapshotStore,
  snapshotId: string,
  pageSize: number,
): Promise<{ data: ReportData; comparison: SnapshotComparison | null } | null> {
  const part = await store.snapshotPart(snapshotId, {});
  const counts = part ? await store.snapshotRowCounts(part.id) : null;
  if (!part || !counts) return null;
  const { keys: _k, families: _f, findings: _d, events: _e, ...header } = part;
  const findings = [];
  for await (const f of readPagedArray(store, part.id, "findings", counts.findings, pageSize))
    findings.push(f);
  const builder = new ReportDataBuilder(header, findings);
  for await (const f of readPagedArray(store, part.id, "families", counts.families, pageSize))
    builder.addFamily(f);
  for await (const k of readPagedArray(store, part.id, "keys", counts.keys, pageSize))
    builder.addKey(k);
  const changes = await store.getChanges(part.id);
  return {
    data: builder.data,
    comparison: changes && changes.fromSnapshotId !== null ? changes : null,
  };
}
