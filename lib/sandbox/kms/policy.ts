import { z } from "zod";
import type { KmsEnv } from "./env";
import { notFound } from "./errors";
import { setKeyPolicy } from "./key-factory";
import { formatPage } from "./marker";
import { checkPolicyDocument } from "./policy-document";
import { resolveKey } from "./resolve-key";
import { keyIdSchema, limitSchema, markerSchema, policyNameSchema, policySchema } from "./schemas";
import { parseInput } from "./validate";

// A key has exactly one policy, named `default` (docs/aws-facts.md#key-policy).
const POLICY_NAME = "default";

function checkPolicyName(name: string | undefined): void {
  if (name !== undefined && name !== POLICY_NAME) throw notFound(`No such policy exists: ${name}`);
}

const getKeyPolicyInput = z.object({ KeyId: keyIdSchema, PolicyName: policyNameSchema.optional() });

export function getKeyPolicy(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(getKeyPolicyInput, input);
  const key = resolveKey(env, req.KeyId);
  checkPolicyName(req.PolicyName);
  return { Policy: key.policy, PolicyName: POLICY_NAME };
}

const putKeyPolicyInput = z.object({
  KeyId: keyIdSchema,
  PolicyName: policyNameSchema.optional(),
  Policy: policySchema,
  BypassPolicyLockoutSafetyCheck: z.boolean().optional(),
});

/**
 * PutKeyPolicy works in every key state; the full policy goes into CloudTrail
 * (docs/aws-facts.md#cloudtrail-records).
 */
export function putKeyPolicy(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(putKeyPolicyInput, input);
  const key = resolveKey(env, req.KeyId);
  checkPolicyName(req.PolicyName);
  checkPolicyDocument(req.Policy);
  setKeyPolicy(key, req.Policy);
  env.audit.requestParameters = {
    keyId: req.KeyId,
    policyName: req.PolicyName ?? POLICY_NAME,
    policy: req.Policy,
    bypassPolicyLockoutSafetyCheck: req.BypassPolicyLockoutSafetyCheck ?? false,
  };
  return {};
}

const listKeyPoliciesInput = z.object({
  KeyId: keyIdSchema,
  Limit: limitSchema.optional(),
  Marker: markerSchema.optional(),
});

export function listKeyPolicies(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(listKeyPoliciesInput, input);
  resolveKey(env, req.KeyId);
  return formatPage([POLICY_NAME], "PolicyNames", undefined);
}
