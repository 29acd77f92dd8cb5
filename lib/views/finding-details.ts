import { z } from "zod";
import type { Finding } from "../domain/finding";
import type { DrReadinessGap } from "../drift/dr-readiness";
import { describeDrGap } from "../drift/dr-words";
import { KEY_USE_ACTIONS } from "../policy/kms-actions";
import { deltaEntrySchema, verdictSchema } from "../policy/schemas";

// Finding `detail` is `unknown` in the contract; the drift stage's shapes are read through these schemas
// so that an older or newer snapshot degrades to "no detail" instead of breaking a page.

export const drGapSchema = z.object({
  principal: z.string(),
  region: z.string(),
  missing: z.array(z.string()),
  reason: z.enum(["policy", "key-state"]),
  keyState: z.string().optional(),
});
/** A DR-readiness gap with the sentence pages show. */
export type DrGapView = z.infer<typeof drGapSchema> & { sentence: string };

export function toDrGapView(gap: DrReadinessGap): DrGapView {
  return { ...gap, sentence: describeDrGap(gap) };
}

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
  drReadiness: z
    .array(drGapSchema)
    .transform((gaps) => gaps.map(toDrGapView))
    .optional(),
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
    const parsed = z
      .object({ rule: z.literal("replica-unusable"), state: z.string().optional() })
      .safeParse(finding.detail);
    // The key itself is unusable there: no principal can use it, whatever the policy says.
    if (parsed.success)
      return [
        toDrGapView({
          principal: "*",
          region: finding.region,
          missing: [...KEY_USE_ACTIONS],
          reason: "key-state",
          ...(parsed.data.state !== undefined ? { keyState: parsed.data.state } : {}),
        }),
      ];
  }
  return [];
}
