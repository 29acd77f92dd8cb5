import { z } from "zod";

/** Key policy documents are caller input: read them through zod, never by casting. */
const stringOrList = z.union([z.string(), z.array(z.unknown())]);

export const statementSchema = z.object({
  Effect: z.unknown(),
  Principal: z
    .union([z.literal("*"), z.object({ AWS: stringOrList.optional() }).loose()])
    .optional(),
  Action: stringOrList.optional(),
  Resource: stringOrList.optional(),
  Condition: z.unknown().optional(),
  NotPrincipal: z.unknown().optional(),
  NotAction: z.unknown().optional(),
  NotResource: z.unknown().optional(),
});

export const policyDocumentSchema = z.object({ Statement: z.unknown().optional() }).loose();

export type StatementInput = z.infer<typeof statementSchema>;

/** The document's statements as a list (a single statement object is allowed), or undefined when not an object. */
export function readStatementList(doc: unknown): unknown[] | undefined {
  const parsed = policyDocumentSchema.safeParse(doc);
  if (!parsed.success || Array.isArray(doc)) return undefined;
  const raw = parsed.data.Statement;
  return Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
}

export function toStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}
