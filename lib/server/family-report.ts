import "server-only";
import { z } from "zod";
import { decodeRouteParam } from "../http/request-shape";
import { buildFamilyReport, type FamilyReport } from "../views/family-report";
import { ApiError } from "./api-errors";
import { loadSnapshotOrThrow } from "./snapshot-cache";

// Next.js hands route handlers a param with `/` still escaped (`alias%2Fapp`) and pages one not
// decoded at all, so an id holding `%` is decoded here (family ids themselves never contain `%`);
// one that will not decode stays as it is and fails the pattern or the lookup.
export const familyIdSchema = z
  .string()
  .max(400)
  .transform((s) => (s.includes("%") ? (decodeRouteParam(s) ?? s) : s))
  .pipe(
    z.string().regex(/^\d{12}:[^\s]+$/, "expected <account>:<key id> or <account>:alias/<name>"),
  );

export async function getFamilyReport(rawId: string, snapshotId = "latest"): Promise<FamilyReport> {
  const familyId = familyIdSchema.parse(rawId);
  const snapshot = await loadSnapshotOrThrow(snapshotId);
  const report = buildFamilyReport(snapshot, familyId);
  if (!report)
    throw new ApiError("not_found", `family ${familyId} is not in snapshot ${snapshot.id}`);
  return report;
}
