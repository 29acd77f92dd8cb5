import "server-only";
import { z } from "zod";
import { FINDING_PROPERTIES, SEVERITIES, type Finding } from "../domain/finding";
import { snapshotNotFound } from "./snapshot-cache";
import { getStore } from "./store";
import { snapshotIdSchema } from "./snapshot-history";

export const findingsQuerySchema = z.object({
  snapshot: snapshotIdSchema.default("latest"),
  family: z.string().max(400).optional(),
  property: z.enum(FINDING_PROPERTIES).optional(),
  severity: z.enum(SEVERITIES).optional(),
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, "expected a region name like eu-west-1")
    .optional(),
  id: z
    .string()
    .regex(/^[0-9a-f]{16}$/, "expected a 16-hex-digit finding id")
    .optional(),
  waived: z.enum(["yes", "no"]).optional(),
});

export type FindingsQuery = z.infer<typeof findingsQuerySchema>;

/** The findings rows of one snapshot that the query names (filtered in SQL, nothing else read). */
export async function queryFindings(
  query: FindingsQuery,
): Promise<{ snapshotId: string; findings: Finding[] }> {
  const store = await getStore();
  const snapshotId = await store.resolveSnapshot(query.snapshot);
  if (!snapshotId) throw snapshotNotFound(query.snapshot);
  const findings = await store.findings({
    snapshotId,
    ...(query.family !== undefined ? { familyId: query.family } : {}),
    ...(query.property !== undefined ? { property: query.property } : {}),
    ...(query.severity !== undefined ? { severity: query.severity } : {}),
    ...(query.region !== undefined ? { region: query.region } : {}),
    ...(query.id !== undefined ? { id: query.id } : {}),
    ...(query.waived !== undefined ? { waived: query.waived === "yes" } : {}),
  });
  return { snapshotId, findings };
}
