import type { SandboxApi } from "../types";
import { defineAssumedRole, defineUser, registerActor, type Actor } from "./actors";

export const DEMO_ACCOUNT = "111122223333";
export const SECOND_ACCOUNT = "444455556666";
export const AUDIT_ROLE_ARN = `arn:aws:iam::${SECOND_ACCOUNT}:role/kms-drift-audit`;
export const NO_TRUST_ROLE_ARN = `arn:aws:iam::${SECOND_ACCOUNT}:role/no-trust`;
/** An account outside the estate that drifted policies let in. */
export const PARTNER_ACCOUNT = "999988887777";

/** The people and roles whose calls make a world's history. */
export interface Cast {
  terraform: Actor;
  alice: Actor;
  bob: Actor;
  mallory: Actor;
  breakGlass: Actor;
  auditor: Actor;
  secondTerraform: Actor;
  secondOps: Actor;
  secondAuditor: Actor;
}

export function createCast(api: SandboxApi): Cast {
  const cast: Cast = {
    terraform: defineAssumedRole(
      DEMO_ACCOUNT,
      "terraform-ci",
      "github-actions",
      "ASIAQTERRAFORMCI7X2",
    ),
    alice: defineUser(DEMO_ACCOUNT, "alice", "AKIAQALICE4EXAMPLE1"),
    bob: defineUser(DEMO_ACCOUNT, "bob", "AKIAQBOB77EXAMPLE22"),
    mallory: defineUser(DEMO_ACCOUNT, "mallory", "AKIAQMALLORYEXAMPL3"),
    breakGlass: defineAssumedRole(
      DEMO_ACCOUNT,
      "break-glass",
      "bob-incident-4711",
      "ASIAQBREAKGLASS4711",
    ),
    auditor: defineUser(DEMO_ACCOUNT, "auditor", "AKIAQKMSDRIFTAUDIT1"),
    secondTerraform: defineAssumedRole(
      SECOND_ACCOUNT,
      "terraform-ci",
      "github-actions",
      "ASIAWTERRAFORMCI9K4",
    ),
    secondOps: defineAssumedRole(SECOND_ACCOUNT, "ops-admin", "carol", "ASIAWOPSADMINCAROL5"),
    secondAuditor: defineUser(SECOND_ACCOUNT, "auditor", "AKIAWKMSDRIFTAUDIT2"),
  };
  for (const actor of Object.values(cast)) registerActor(api, actor);
  return cast;
}

/** Roles of the second account: one the demo account may assume, one nobody may. */
export function defineSecondAccountRoles(api: SandboxApi): void {
  api.defineRole({ arn: AUDIT_ROLE_ARN, account: SECOND_ACCOUNT, trustedAccounts: [DEMO_ACCOUNT] });
  api.defineRole({ arn: NO_TRUST_ROLE_ARN, account: SECOND_ACCOUNT, trustedAccounts: [] });
}
