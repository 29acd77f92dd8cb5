/** How one delivery attempt ended: a permanent failure is not retried. */
export type SendResult =
  | { ok: true; statusCode?: number; detail?: string }
  | {
      ok: false;
      retryable: boolean;
      error: string;
      statusCode?: number;
      /** The receiver asked to wait this long (Retry-After). */
      retryAfterMs?: number;
    };

/** Everything an attempt needs besides the content. */
export interface SendContext {
  deliveryId: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** Each attempt's own deadline. An attempt in flight is never cut short otherwise: the receiver
   * might have it, and a later retry would then send it twice. */
  timeoutMs: number;
  /** The snapshot's printable HTML report (e-mail attachment). */
  loadReport: () => Promise<{ filename: string; html: string }>;
  userAgent: string;
}

export class MissingSecretError extends Error {
  override readonly name = "MissingSecretError";
}

/** A secret from the environment variable the config names; its absence is a permanent failure. */
export function readSecret(env: SendContext["env"], name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value === "")
    throw new MissingSecretError(`environment variable ${name} (the ${what}) is not set`);
  return value;
}

export function permanentFailure(error: string, statusCode?: number): SendResult {
  return {
    ok: false,
    retryable: false,
    error,
    ...(statusCode !== undefined ? { statusCode } : {}),
  };
}
