import { partitionOf } from "../core/arn";
import type { PolicyStatement, RegionKey } from "../state/model";
import { parsePolicyStatements } from "./policy-statements";
import { SandboxError, type CallContext } from "../types";

/**
 * Key-policy checks the sandbox makes: an explicit `Deny` naming the caller refuses the call;
 * a caller from another account also needs an `Allow` naming it (same-account callers are assumed
 * to hold IAM permissions, which the sandbox does not model).
 */
export function authorizeKeyAccess(ctx: CallContext, key: RegionKey, operation: string): void {
  const crossAccount = key.family.account !== ctx.account;
  // Fast path: a same-account caller can only be refused by a Deny statement.
  if (!crossAccount && !key.policy.includes("Deny")) return;
  key.statements ??= parsePolicyStatements(key.policy);
  const action = `kms:${operation}`;
  const applies = (s: PolicyStatement) =>
    s.principals.some((p) => principalMatches(p, ctx, key.region)) &&
    s.actions.some((a) => a.test(action)) &&
    s.resources.some((r) => r.test(key.arn));
  const statements = key.statements;
  if (statements.some((s) => s.effect === "Deny" && applies(s))) {
    throw accessDenied(ctx, action, key.arn, "with an explicit deny in a resource-based policy");
  }
  if (crossAccount && !statements.some((s) => s.effect === "Allow" && applies(s))) {
    throw accessDenied(
      ctx,
      action,
      key.arn,
      `because no resource-based policy allows the ${action} action`,
    );
  }
}

function principalMatches(principal: string, ctx: CallContext, region: string): boolean {
  if (principal === "*") return true;
  if (principal === ctx.principalArn || principal === ctx.roleArn) return true;
  // Naming an account (root ARN or bare id) names every principal of that account.
  return (
    principal === ctx.account || principal === `arn:${partitionOf(region)}:iam::${ctx.account}:root`
  );
}

function accessDenied(ctx: CallContext, action: string, arn: string, reason: string): SandboxError {
  return new SandboxError(
    "AccessDeniedException",
    `User: ${ctx.principalArn} is not authorized to perform: ${action} on resource: ${arn} ${reason}`,
    400,
  );
}
