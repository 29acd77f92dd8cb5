import type { DrReadinessGap } from "../domain/finding-detail";
import { REGION_PLACEHOLDER } from "../domain/region-text";

/**
 * A gap's principal in words. Gaps name principal classes in words (`role/app of account …`);
 * snapshots from before policies were judged by meaning stored `AWS:<arn>` / `Service:<name>`.
 */
function describePrincipal(principal: string, region: string): string {
  if (principal === "*") return "everyone (*)";
  const legacy = /^(AWS|Service):(.*)$/.exec(principal);
  if (!legacy) return principal;
  const value = (legacy[2] ?? "").split(REGION_PLACEHOLDER).join(region);
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value);
  if (root) return `account ${root[1]}`;
  return /^arn:[^:]+:(?:iam|sts)::\d{12}:(.+)$/.exec(value)?.[1] ?? value;
}

// What each key-use action is for, in the words a failover runbook would use.
const PURPOSES: Record<string, string> = {
  "kms:Encrypt": "encryption",
  "kms:Decrypt": "decryption",
  "kms:GenerateDataKey": "data key generation",
  "kms:GenerateDataKeyWithoutPlaintext": "data key generation",
  "kms:GenerateDataKeyPair": "data key pair generation",
  "kms:GenerateDataKeyPairWithoutPlaintext": "data key pair generation",
};

/** `encryption`, `encryption or decryption`, `encryption, decryption or data key generation`. */
export function describeKeyUses(actions: readonly string[]): string {
  const uses = [...new Set(actions.map((a) => PURPOSES[a] ?? a))];
  if (uses.length <= 1) return uses[0] ?? "any use";
  return `${uses.slice(0, -1).join(", ")} or ${uses[uses.length - 1]}`;
}

/**
 * One DR-readiness gap as a sentence. `*` under a key-state gap means the key itself is unusable, so
 * no principal can use it; a policy gap names whom the region's key policy leaves out.
 */
export function describeDrGap(gap: DrReadinessGap): string {
  const uses = describeKeyUses(gap.missing);
  const where = `In ${gap.region}`;
  if (gap.reason === "policy") {
    const who = describePrincipal(gap.principal, gap.region);
    return `${where}, the key policy does not let ${who} use the key for ${uses}.`;
  }
  const because =
    gap.keyState !== undefined ? `the key is ${gap.keyState}` : "the key is not usable";
  if (gap.principal === "*")
    return `${where}, no principal can use the key for ${uses}: ${because}.`;
  const who = describePrincipal(gap.principal, gap.region);
  return `${where}, ${who} cannot use the key for ${uses}: ${because}.`;
}
