import { z } from "zod";
import { policyStatementSchema } from "./key-record";

/**
 * The stored shapes of a comparison's evidence. Findings carry them, so they are validated when
 * read back (snapshots, exports) and never trusted on shape alone.
 */
export const callerIamSchema = z.enum(["grants-nothing", "grants-everything"]);

export const wireRequestSchema = z.strictObject({
  /** The caller: a role-session, user, root or federated-user ARN, or a service principal name. */
  principal: z.string(),
  /** `aws:PrincipalArn` (the role's ARN for a role session); absent for services. */
  principalArn: z.string().optional(),
  action: z.string(),
  /** Condition keys as the policies spell them; a set is an array. */
  context: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** Keys the policies test that this request does not carry. */
  absent: z.array(z.string()),
  /** Whether the caller's own IAM policies grant the action (the key policy may delegate to them). */
  callerIam: callerIamSchema,
});
export type WireRequest = z.infer<typeof wireRequestSchema>;

export const statementHitSchema = z.strictObject({
  index: z.number().int().nonnegative(),
  sid: z.string().optional(),
  effect: z.enum(["Allow", "Deny"]),
  via: z.enum(["direct", "account"]),
});

export const sideSchema = z.strictObject({
  region: z.string(),
  decision: z.enum(["allow", "explicit-deny", "implicit-deny"]),
  statements: z.array(statementHitSchema),
  because: z.string(),
});
export type SideExplanation = z.infer<typeof sideSchema>;

export const principalClassSchema = z.strictObject({
  /** In words: `role/app of account 111122223333`, `a role session of another account`. */
  label: z.string(),
  kind: z.enum(["root", "user", "role-session", "federated-user", "service"]),
  /** The witness's account; `accountNamed` says whether either policy names it. */
  account: z.string().optional(),
  accountNamed: z.boolean(),
  /**
   * The principal a statement names (`role/app`, `user/bob`, `session/app/s1`, `root`, or a service
   * with the key's own region written `${region}`), else absent.
   */
  named: z.string().optional(),
});

export const deltaEntrySchema = z.strictObject({
  /** `gained`: the actual policy allows a request the reference denies; `lost`: the reverse. */
  change: z.enum(["gained", "lost"]),
  principal: principalClassSchema,
  action: z.string(),
  witness: z.strictObject({
    /** The request as sent to the actual key (its region). */
    request: wireRequestSchema,
    /** The same request as sent to the reference key (its region). */
    referenceRequest: wireRequestSchema,
  }),
  reference: sideSchema,
  actual: sideSchema,
});
export type DeltaEntry = z.infer<typeof deltaEntrySchema>;

export const verdictSchema = z.enum(["equal", "wider", "narrower", "incomparable", "undecidable"]);
export type Verdict = z.infer<typeof verdictSchema>;

/** A removed and an added statement with the same effect and principals read as one change. */
export const statementDiffSchema = z.strictObject({
  added: z.array(policyStatementSchema),
  removed: z.array(policyStatementSchema),
  changed: z.array(
    z.strictObject({ reference: policyStatementSchema, actual: policyStatementSchema }),
  ),
});
export type StatementDiff = z.infer<typeof statementDiffSchema>;

/** One request a grant set allows and the other does not. */
export const grantDeltaEntrySchema = z.strictObject({
  change: z.enum(["gained", "lost"]),
  /** The grantee (or retiring principal), as it reads in the actual key's region. */
  principal: z.string(),
  operation: z.string(),
  /** The request's encryption context. */
  witness: z.strictObject({ encryptionContext: z.record(z.string(), z.string()) }),
  /** The grants on the allowing side that allow it (ids). */
  grantIds: z.array(z.string()),
});
export type GrantDeltaEntry = z.infer<typeof grantDeltaEntrySchema>;
