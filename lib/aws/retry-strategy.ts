import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from "@smithy/types";
import { errorName } from "./errors";

export interface RetryLimits {
  /** Attempts for throttled requests (the pacer slows down too, so a few suffice). */
  throttlingAttempts: number;
  /** Attempts for transient failures (5xx, resets); kept low so a dead region fails fast. */
  transientAttempts: number;
}

export const DEFAULT_RETRY_LIMITS: RetryLimits = { throttlingAttempts: 8, transientAttempts: 3 };

class Token implements RetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
}

/**
 * Standard SDK retries, except that KMS `LimitExceededException` is NOT retried: the SDK classifies
 * it as throttling, but in KMS it is a resource quota (too many aliases/grants/keys) that no wait
 * will fix (docs/aws-facts.md#sdk-retries). Back-off is exponential with full jitter and honours
 * Retry-After hints.
 */
export class KmsDriftRetryStrategy implements RetryStrategyV2 {
  readonly mode = "standard";

  constructor(private readonly limits: RetryLimits = DEFAULT_RETRY_LIMITS) {}

  acquireInitialRetryToken(): Promise<RetryToken> {
    return Promise.resolve(new Token(0, 0));
  }

  refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    const attempts = token.getRetryCount() + 1;
    if (info.error !== undefined && errorName(info.error) === "LimitExceededException") {
      return Promise.reject(new Error("not retried: LimitExceededException is a resource quota"));
    }
    const throttling = info.errorType === "THROTTLING";
    const max = throttling ? this.limits.throttlingAttempts : this.limits.transientAttempts;
    if (!(throttling || info.errorType === "TRANSIENT") || attempts >= max) {
      return Promise.reject(new Error("no retry"));
    }
    const base = throttling ? 100 : 50;
    const cap = throttling ? 5_000 : 1_000;
    let delay = Math.random() * Math.min(cap, base * 2 ** attempts);
    if (info.retryAfterHint !== undefined) {
      delay = Math.min(Math.max(delay, info.retryAfterHint.getTime() - Date.now()), delay + 5_000);
    }
    return Promise.resolve(new Token(attempts, Math.round(delay)));
  }

  recordSuccess(): void {}
}
