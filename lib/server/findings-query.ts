import "server-only";
import { z } from "zod";
import { FINDING_PROPERTIES, SEVERITIES, type Finding } from "../domain/finding";
import { loadSnapshotOrThrow } from "./snapshot-cache";
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

export async function queryFindings(
  query: FindingsQuery,
): Promise<{ snapshotId: string; findings: Finding[] }> {
  const snapshot = await loadSnapshotOrThrow(query.snapshot);
  const findings = snapshot.findings.filter(
    (f) =>
      (query.family === undefined || f.familyId === query.family) &&
      (query.property === undefined || f.property === query.property) &&
      (query.severity === undefined || f.severity === query.severity) &&
      (query.region === undefined || f.region === query.region) &&
      (query.id === undefined || f.id === query.id) &&
      (query.waived === undefined || f.waived === (query.waived === "yes")),
  );
  return { snapshotId: snapshot.id, findings };
}
