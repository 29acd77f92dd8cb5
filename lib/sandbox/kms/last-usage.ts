import { z } from "zod";
import { parseKmsArn } from "../core/arn";
import type { KeyUseRecord } from "../state/model";
import type { StateStore } from "../state/store";
import type { KmsEnv } from "./env";
import { toEpochSeconds } from "./metadata";
import { resolveKey } from "./resolve-key";
import { keyIdSchema } from "./schemas";
import { parseInput } from "./validate";

/**
 * The operations GetKeyLastUsage reports (the SDK's KeyLastUsageTrackingOperation enum). The
 * sandbox implements Encrypt, Decrypt and GenerateDataKey; world builders record the others.
 */
export const TRACKED_OPERATIONS: ReadonlySet<string> = new Set([
  "Decrypt",
  "DeriveSharedSecret",
  "Encrypt",
  "GenerateDataKey",
  "GenerateDataKeyPair",
  "GenerateDataKeyPairWithoutPlaintext",
  "GenerateDataKeyWithoutPlaintext",
  "GenerateMac",
  "ReEncrypt",
  "Sign",
  "Verify",
  "VerifyMac",
  "Encapsulate",
  "Decapsulate",
]);

/**
 * Notes a successful cryptographic use of the key `arn` names, in that key's own Region (a
 * multi-Region key's Regions track independently). Uses before tracking began, or older than the
 * one recorded, change nothing.
 */
export function recordKeyUse(store: StateStore, arn: string, use: KeyUseRecord): void {
  if (!TRACKED_OPERATIONS.has(use.operation) || use.time < store.usageTrackingStart) return;
  const parsed = parseKmsArn(arn);
  if (!parsed || parsed.resourceType !== "key") return;
  const region = store.account(parsed.account).regions.get(parsed.region);
  const key = region?.keysById.get(parsed.resource);
  if (!key || (key.lastUsage && key.lastUsage.time > use.time)) return;
  key.lastUsage = use;
}

// Alias names are not supported (API reference): resolveKey without allowAlias answers
// NotFoundException, as for GetKeyPolicy. Not cross-account. No key-state rule is documented.
const getKeyLastUsageInput = z.object({ KeyId: keyIdSchema });

export function getKeyLastUsage(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(getKeyLastUsageInput, input);
  const key = resolveKey(env, req.KeyId);
  const use = key.lastUsage;
  return {
    KeyId: key.family.keyId,
    // `{}` when the key has not been used since tracking began (SDK model).
    KeyLastUsage: use
      ? {
          Operation: use.operation,
          Timestamp: toEpochSeconds(use.time),
          CloudTrailEventId: use.cloudTrailEventId,
          KmsRequestId: use.requestId,
        }
      : {},
    // "The date from which KMS began recording … or the date the key was created, whichever is later."
    TrackingStartDate: toEpochSeconds(Math.max(env.store.usageTrackingStart, key.creationDate)),
    KeyCreationDate: toEpochSeconds(key.creationDate),
  };
}
