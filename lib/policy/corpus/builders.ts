import type { PolicyStatement } from "../../domain/key-record";
import { KEY_POLICY_ACTIONS } from "../kms-facts";

/** The key's account, another account the policies name, and the key id every case uses. */
export const A = "111122223333";
export const B = "444455556666";
export const KEY_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";

export const DOC = {
  evaluation:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html",
  operators:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html",
  sets: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html",
  globalKeys:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
  principal:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
  notPrincipal:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html",
  notAction:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
  notResource:
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html",
  variables: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html",
  sar: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html",
  kmsConditions: "https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html",
  defaultPolicy: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
  crossAccount:
    "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
  putKeyPolicy: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html",
  iamPolicies: "https://docs.aws.amazon.com/kms/latest/developerguide/cmks-in-iam-policies.html",
} as const;

type Principal = PolicyStatement["Principal"];
type Condition = PolicyStatement["Condition"];

export const role = (name: string, account = A): string => `arn:aws:iam::${account}:role/${name}`;
export const user = (name: string, account = A): string => `arn:aws:iam::${account}:user/${name}`;
export const aws = (...arns: string[]): Principal => ({
  AWS: arns.length === 1 ? (arns[0] as string) : arns,
});
export const service = (...names: string[]): Principal => ({
  Service: names.length === 1 ? (names[0] as string) : names,
});

export function allow(
  principal: Principal,
  action: string | string[],
  condition?: Condition,
  sid?: string,
): PolicyStatement {
  return {
    ...(sid ? { Sid: sid } : {}),
    Effect: "Allow",
    Principal: principal,
    Action: action,
    Resource: "*",
    ...(condition ? { Condition: condition } : {}),
  };
}

export function deny(
  principal: Principal,
  action: string | string[],
  condition?: Condition,
  sid?: string,
): PolicyStatement {
  return { ...allow(principal, action, condition, sid), Effect: "Deny" };
}

/** The default key policy's statement: the account's IAM policies decide (key-policy-default). */
export const ROOT = allow(aws(`arn:aws:iam::${A}:root`), "kms:*", undefined, "EnableIamPolicies");

/** Descriptors of principal classes, as the corpus test derives them from a delta entry. */
export const who = {
  root: (account = A) => `root|${account}|root`,
  role: (name: string, account = A) => `role-session|${account}|role/${name}`,
  user: (name: string, account = A) => `user|${account}|user/${name}`,
  anyRole: (account = A) => `role-session|${account}|unnamed`,
  anyUser: (account = A) => `user|${account}|unnamed`,
  anyFed: (account = A) => `federated-user|${account}|unnamed`,
  service: (symbolicName: string) => `service|-|${symbolicName}`,
  anyService: "service|-|unnamed",
};

/** Root, users, role sessions and federated users of an account that no statement names. */
export const everyoneIn = (account: string): string[] => [
  who.root(account),
  who.anyUser(account),
  who.anyRole(account),
  who.anyFed(account),
];

export const OTHER = "other";

/** All actions a key policy governs, per the SAR (actions with the `key` resource type). */
export const ALL_KEY_ACTIONS = KEY_POLICY_ACTIONS;

export interface Expected {
  change: "gained" | "lost";
  who: string[];
  actions: readonly string[];
}

export interface CorpusCase {
  name: string;
  /** The documentation the expected verdict and delta follow from. */
  doc: string;
  reference: { region: string; statements: PolicyStatement[] };
  actual: { region: string; statements: PolicyStatement[] };
  verdict: "equal" | "wider" | "narrower" | "incomparable" | "undecidable";
  delta: Expected[];
}

export const gained = (w: string | string[], actions: string | readonly string[]): Expected => ({
  change: "gained",
  who: typeof w === "string" ? [w] : w,
  actions: typeof actions === "string" ? [actions] : actions,
});
export const lost = (w: string | string[], actions: string | readonly string[]): Expected => ({
  ...gained(w, actions),
  change: "lost",
});
