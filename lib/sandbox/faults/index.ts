import { SandboxError, type FaultInjector, type FaultOutcome, type SandboxService } from "../types";
import { findQuotaBucket } from "./quota-table";
import { createTokenBucket, type TokenBucket } from "./token-bucket";

export interface FaultOptions {
  /** Added before every answer (also before errors). */
  latencyMs: number;
  /** `aws`: token buckets at AWS's default request quotas; `off`: no throttling. */
  quotas: "aws" | "off";
  /** Multiplies every quota (0.1 = ten times tighter). */
  quotaScale: number;
  /** Regions whose connections are dropped without an answer. */
  down: string[];
  /** Regions not enabled for the account: UnrecognizedClientException, as AWS answers. */
  notEnabled: string[];
  /**
   * Operations the caller's IAM policy does not allow in a region (`kms:ListAliases` in
   * eu-west-1): AccessDeniedException, as AWS answers a missing identity-based permission.
   */
  denied: DeniedOperation[];
}

export interface DeniedOperation {
  /** `kms:ListAliases`, `cloudtrail:LookupEvents`, … */
  action: string;
  region: string;
}

/** `kms:ListAliases@eu-west-1` → a denied operation; null when it does not read as one. */
export function parseDeniedOperation(text: string): DeniedOperation | null {
  const match = /^(kms|cloudtrail|sts):([A-Za-z]+)@([a-z0-9-]+)$/.exec(text.trim());
  return match ? { action: `${match[1]}:${match[2]}`, region: match[3] ?? "" } : null;
}

// Exact texts: docs/aws-facts.md#errors.
const KMS_THROTTLING_MESSAGE =
  "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.";
const CLOUDTRAIL_THROTTLING_MESSAGE = "Rate exceeded";
const UNRECOGNIZED_CLIENT_MESSAGE = "The security token included in the request is invalid.";
// The documented shape (docs/aws-facts.md#errors) for a permission no identity-based policy grants.
// List operations name no key: the resource `*` is the sandbox's choice (lib/sandbox/README.md).
const identityDenied = (principal: string, action: string) =>
  new SandboxError(
    "AccessDeniedException",
    `User: ${principal} is not authorized to perform: ${action} on resource: * because no identity-based policy allows the ${action} action`,
    400,
  );

function createThrottlingError(service: SandboxService): SandboxError {
  const message = service === "kms" ? KMS_THROTTLING_MESSAGE : CLOUDTRAIL_THROTTLING_MESSAGE;
  return new SandboxError("ThrottlingException", message, 400);
}

/**
 * Decides, before each operation runs, whether it passes, fails or never gets an answer.
 * Quotas are per (account, Region, bucket): a bucket refills continuously at `rps × quotaScale`
 * tokens/s and holds at most that many (at least one), so a burst of one second's worth passes.
 */
export function createFaultInjector(
  options: FaultOptions,
  clock: () => number = Date.now,
): FaultInjector {
  const buckets = new Map<string, TokenBucket>();
  const down = new Set(options.down);
  const notEnabled = new Set(options.notEnabled);
  const denied = new Set(options.denied.map((d) => `${d.action}@${d.region}`));
  const delay = options.latencyMs > 0 ? { delayMs: options.latencyMs } : {};

  function takeToken(
    service: SandboxService,
    operation: string,
    region: string,
    account: string,
  ): boolean {
    if (options.quotas === "off") return true;
    const quota = findQuotaBucket(service, operation, region);
    if (!quota) return true;
    const key = `${account}|${region}|${service}|${quota.name}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      const rate = quota.rps * options.quotaScale;
      bucket = createTokenBucket(rate, Math.max(1, rate), clock());
      buckets.set(key, bucket);
    }
    return bucket.tryTake(clock());
  }

  return {
    decide({ service, operation, region, account, principal }): FaultOutcome {
      if (down.has(region)) return { kind: "drop" };
      const action = `${service}:${operation}`;
      if (denied.has(`${action}@${region}`))
        return {
          kind: "error",
          ...delay,
          error: identityDenied(principal ?? `arn:aws:iam::${account}:user/unknown`, action),
        };
      if (notEnabled.has(region) && service !== "sts") {
        return {
          kind: "error",
          ...delay,
          error: new SandboxError("UnrecognizedClientException", UNRECOGNIZED_CLIENT_MESSAGE, 400),
        };
      }
      if (!takeToken(service, operation, region, account)) {
        return { kind: "error", ...delay, error: createThrottlingError(service) };
      }
      return { kind: "pass", ...delay };
    },
  };
}
