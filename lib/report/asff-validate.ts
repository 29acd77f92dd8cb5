import { z } from "zod";

/**
 * The required top-level attributes of the AWS Security Finding Format and their limits, from the
 * Security Hub API reference (AwsSecurityFinding, Resource, Severity): SchemaVersion 2018-10-08;
 * Id and GeneratorId 1–512 chars; AwsAccountId 12 chars; Title ≤ 256; Description 1–1024;
 * Types 1–50 of `namespace/category/classifier`; Resources 1–32 with Type and Id.
 */
const nonBlank = (max: number) => z.string().max(max).regex(/\S/, "must not be blank");
const timestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})$/,
    "not an ASFF timestamp",
  );
const TYPE_NAMESPACES = [
  "Software and Configuration Checks",
  "TTPs",
  "Effects",
  "Unusual Behaviors",
  "Sensitive Data Identifications",
];

export const asffFindingSchema = z.object({
  SchemaVersion: z.literal("2018-10-08"),
  Id: nonBlank(512),
  ProductArn: z
    .string()
    .regex(
      /^arn:aws(-cn|-us-gov)?:securityhub:[a-z0-9-]+:\d{12}:product\/[^/]+\/[^/]+$/,
      "not a Security Hub product ARN",
    ),
  GeneratorId: nonBlank(512),
  AwsAccountId: z.string().regex(/^\d{12}$/, "must be a 12-digit account id"),
  Types: z
    .array(
      z.string().refine((t) => {
        const segments = t.split("/");
        return segments.length <= 3 && TYPE_NAMESPACES.includes(segments[0] ?? "");
      }, "must be namespace/category/classifier with a known namespace"),
    )
    .min(1)
    .max(50),
  CreatedAt: timestamp,
  UpdatedAt: timestamp,
  Severity: z.object({ Label: z.enum(["INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"]) }),
  Title: nonBlank(256),
  Description: nonBlank(1024),
  Resources: z
    .array(
      z.object({
        Type: nonBlank(256),
        Id: nonBlank(512),
        Partition: z.enum(["aws", "aws-cn", "aws-us-gov"]).optional(),
        Region: z.string().min(1).optional(),
      }),
    )
    .min(1)
    .max(32),
});

/** Problems with one ASFF finding's required fields, as `Field.path: message`; empty when valid. */
export function validateAsffFinding(finding: unknown): string[] {
  const result = asffFindingSchema.safeParse(finding);
  if (result.success) return [];
  return result.error.issues.map(
    (issue) => `${issue.path.join(".") || "finding"}: ${issue.message}`,
  );
}
