import type { SendContext, SendResult } from "./send-result";

/** Retried: a timeout, rate limiting, and server errors. Any other 4xx will not get better. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After as seconds or an HTTP date. */
function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return "request failed";
  if (err.name === "TimeoutError") return "no answer before the attempt's deadline";
  const cause = (err as { cause?: unknown }).cause;
  const code =
    typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
  return code ? `connection failed (${code})` : `request failed (${err.name})`;
}

/**
 * POSTs a JSON body once. Never follows redirects (a signed body must reach the configured URL) and
 * never puts the URL in an error: a Slack webhook URL is a credential.
 */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  ctx: SendContext,
): Promise<SendResult> {
  const signal = AbortSignal.timeout(ctx.timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": ctx.userAgent, ...headers },
      body,
      redirect: "manual",
      signal,
    });
  } catch (err) {
    return { ok: false, retryable: true, error: describeNetworkError(err) };
  }
  // The body is read only to free the connection; receivers' error pages are not stored.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status >= 200 && response.status < 300)
    return { ok: true, statusCode: response.status };
  const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), ctx.now());
  return {
    ok: false,
    retryable: isRetryableStatus(response.status),
    statusCode: response.status,
    error: `HTTP ${response.status}`,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}
