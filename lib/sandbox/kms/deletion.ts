import { z } from "zod";
import type { KmsEnv } from "./env";
import { kmsError } from "./errors";
import { assertKeyState } from "./key-state";
import { toEpochSeconds } from "./metadata";
import { resolveKey } from "./resolve-key";
import { keyIdSchema } from "./schemas";
import { parseInput } from "./validate";

const DAY_MS = 86_400_000;

// The documented waiting period is 7–30 days, default 30 (the model allows 1–365; KMS enforces 7–30).
const scheduleInput = z.object({
  KeyId: keyIdSchema,
  PendingWindowInDays: z.number().int().min(7).max(30).optional(),
});

/**
 * ScheduleKeyDeletion. A multi-Region primary that still has replicas waits in
 * `PendingReplicaDeletion` (no DeletionDate); its window starts when its last replica is deleted.
 */
export function scheduleKeyDeletion(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(scheduleInput, input);
  const key = resolveKey(env, req.KeyId);
  assertKeyState("ScheduleKeyDeletion", key);
  if (key.family.keyManager === "AWS")
    throw kmsError("NotAuthorizedException", `${key.arn} is an AWS managed key.`);
  const window = req.PendingWindowInDays ?? 30;
  const { family } = key;
  const waitsForReplicas =
    family.multiRegion && family.primaryRegion === key.region && family.regions.length > 1;
  key.pendingWindowDays = window;
  if (waitsForReplicas) {
    key.state = "PendingReplicaDeletion";
    key.deletionDate = undefined;
  } else {
    key.state = "PendingDeletion";
    key.deletionDate = env.now + window * DAY_MS;
  }
  env.store.pendingDeletion.add(key);
  const out: Record<string, unknown> = { KeyId: key.arn };
  if (key.deletionDate !== undefined) out.DeletionDate = toEpochSeconds(key.deletionDate);
  out.KeyState = key.state;
  out.PendingWindowInDays = window;
  env.audit.responseElements = out;
  return out;
}

const keyOnlyInput = z.object({ KeyId: keyIdSchema });

/** CancelKeyDeletion leaves the key Disabled (docs/aws-facts.md#deletion). */
export function cancelKeyDeletion(input: unknown, env: KmsEnv): unknown {
  const key = resolveKey(env, parseInput(keyOnlyInput, input).KeyId);
  assertKeyState("CancelKeyDeletion", key);
  key.state = "Disabled";
  key.deletionDate = undefined;
  key.pendingWindowDays = undefined;
  env.store.pendingDeletion.delete(key);
  env.audit.responseElements = { KeyId: key.arn };
  return { KeyId: key.arn };
}
