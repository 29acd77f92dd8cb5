import { z } from "zod";
import { SEVERITIES, FINDING_PROPERTIES } from "../domain/finding";
import { selectorSchema } from "../domain/selector";

const severityRuleSchema = z.strictObject({
  property: z.enum(FINDING_PROPERTIES),
  /** Optional rule name from the severity table (e.g. `wider-access`), to override one case only. */
  when: z.string().min(1).optional(),
  selector: selectorSchema.optional(),
  severity: z.enum(SEVERITIES),
});

const residencyRuleSchema = z.strictObject({
  name: z.string().min(1),
  selector: selectorSchema,
  allowedRegions: z.array(z.string().min(1)).min(1),
});

const expectedReplicasSchema = z.strictObject({
  selector: selectorSchema,
  regions: z.array(z.string().min(1)).min(1),
});

const policyStatementSchema = z.looseObject({
  Effect: z.enum(["Allow", "Deny"]),
});

const baselineSchema = z.strictObject({
  selector: selectorSchema,
  policy: z.looseObject({
    Version: z.string().optional(),
    Statement: z.union([z.array(policyStatementSchema).min(1), policyStatementSchema]),
  }),
});

const isoDate = z
  .string()
  .refine((s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)), {
    message: "expected an ISO date (YYYY-MM-DD)",
  });

const waiverMatchSchema = z
  .strictObject({
    family: z.string().min(1).optional(),
    property: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
  })
  .refine((m) => m.family !== undefined || m.property !== undefined || m.region !== undefined, {
    message: "match needs at least one of family, property, region",
  });

const waiverSchema = z
  .strictObject({
    finding: z.string().min(1).optional(),
    match: waiverMatchSchema.optional(),
    reason: z.string().min(1),
    owner: z.string().min(1),
    expires: isoDate,
  })
  .refine((w) => (w.finding === undefined) !== (w.match === undefined), {
    message: "give exactly one of finding (a finding id) or match (a pattern)",
    path: ["finding"],
  });

export const driftRulesSchema = z.strictObject({
  severity: z.array(severityRuleSchema).default([]),
  residency: z.array(residencyRuleSchema).default([]),
  expectedReplicas: z.array(expectedReplicasSchema).default([]),
  baselines: z.array(baselineSchema).default([]),
  waivers: z.array(waiverSchema).default([]),
  /**
   * `meaning` (default): key policies that read differently but allow the same are in sync.
   * `strict`: such differences are `info` findings, for teams whose IaC demands identical text.
   */
  policyText: z.enum(["meaning", "strict"]).default("meaning"),
});

export type DriftRules = z.infer<typeof driftRulesSchema>;
export type SeverityRule = DriftRules["severity"][number];
export type ResidencyRule = DriftRules["residency"][number];
export type ExpectedReplicasRule = DriftRules["expectedReplicas"][number];
export type BaselineRule = DriftRules["baselines"][number];
export type BaselineStatement = z.infer<typeof policyStatementSchema>;
export type WaiverRule = DriftRules["waivers"][number];

/** Empty rules: what a missing config means. */
export function emptyDriftRules(): DriftRules {
  return {
    severity: [],
    residency: [],
    expectedReplicas: [],
    baselines: [],
    waivers: [],
    policyText: "meaning",
  };
}

/** One line per zod issue, each naming its field path (`residency[0].allowedRegions: expected array`). */
export function describeRulesIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, part) =>
        typeof part === "number"
          ? `${acc}[${part}]`
          : acc
            ? `${acc}.${String(part)}`
            : String(part),
      "",
    );
    return `${path || "(root)"}: ${issue.message}`;
  });
}
