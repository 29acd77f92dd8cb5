import "server-only";
import { z } from "zod";
import type { Finding } from "../domain/finding";
import { deltaEntrySchema, verdictSchema } from "../policy/schemas";

// Finding `detail` is `unknown` in the contract; the drift stage's shapes are read through these schemas
// so that an older or newer snapshot degrades to "no detail" instead of breaking a page.

export const drGapSchema = z.object({
  principal: z.string(),
  region: z.string(),
  missing: z.array(z.string()),
  reason: z.enum(["policy", "key-state"]),
});
export type DrGapView = z.infer<typeof drGapSchema>;

const statementSchema = z.record(z.string(), z.unknown());
const policyDetailSchema = z.object({
  comparedWith: z.string().optional(),
  verdict: verdictSchema.optional(),
  /** The access delta by meaning, every entry with its witness request (lib/policy). */
  delta: z.array(deltaEntrySchema).default([]),
  deltaTotal: z.number().int().nonnegative().optional(),
  statements: z
    .object({
      added: z.array(statementSchema),
      removed: z.array(statementSchema),
      changed: z.array(z.object({ reference: statementSchema, actual: statementSchema })),
    })
    .optional(),
  undecidable: z.array(z.string()).optional(),
  drReadiness: z.array(drGapSchema).optional(),
});
export type PolicyDetailView = z.infer<typeof policyDetailSchema>;

export function policyDetailOf(finding: Finding): PolicyDetailView | null {
  if (finding.property !== "policy") return null;
  const parsed = policyDetailSchema.safeParse(finding.detail);
  return parsed.success ? parsed.data : null;
}

const residencyDetailSchema = z.object({
  residencyRule: z.string(),
  allowedRegions: z.array(z.string()),
  role: z.string().optional(),
});
export type ResidencyDetailView = z.infer<typeof residencyDetailSchema>;

export function residencyDetailOf(finding: Finding): ResidencyDetailView | null {
  if (finding.property !== "residency") return null;
  const parsed = residencyDetailSchema.safeParse(finding.detail);
  return parsed.success ? parsed.data : null;
}

/** DR-readiness gaps a finding records: policy gaps, or a replica whose state makes it unusable. */
export function drGapsOf(finding: Finding): DrGapView[] {
  if (finding.property === "policy") return policyDetailOf(finding)?.drReadiness ?? [];
  if (finding.property === "state") {
    const parsed = z.object({ rule: z.literal("replica-unusable") }).safeParse(finding.detail);
    if (parsed.success)
      return [
        {
          principal: "every principal",
          region: finding.region,
          missing: ["all key use"],
          reason: "key-state",
        },
      ];
  }
  return [];
}
