/** AWS SDK v3 errors reach us as the base service exception with `name` set: branch on the name only. */
export function errorName(err: unknown): string {
  if (err instanceof Error) return err.name;
  return typeof err === "object" && err !== null && "name" in err ? String(err.name) : "Error";
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

function errorCode(err: unknown): string | undefined {
  return typeof err === "object" && err !== null && "code" in err && typeof err.code === "string"
    ? err.code
    : undefined;
}

const THROTTLING_NAMES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
]);

export function isThrottlingError(err: unknown): boolean {
  if (THROTTLING_NAMES.has(errorName(err))) return true;
  const status =
    typeof err === "object" && err !== null && "$metadata" in err ? httpStatus(err) : undefined;
  return status === 429;
}

/** The HTTP status AWS answered with (`$metadata.httpStatusCode`); undefined when there was no answer. */
export function httpStatusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null ? httpStatus(err) : undefined;
}

function httpStatus(err: object): number | undefined {
  const metadata = "$metadata" in err ? err.$metadata : undefined;
  if (typeof metadata === "object" && metadata !== null && "httpStatusCode" in metadata) {
    return typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : undefined;
  }
  return undefined;
}

/**
 * A region that is not enabled for the account (opt-in) answers this
 * (docs/aws-facts.md#opt-in-regions).
 */
export function isNotEnabledError(err: unknown): boolean {
  return errorName(err) === "UnrecognizedClientException";
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** The request never got an HTTP answer (endpoint down, DNS, reset). */
export function isConnectionError(err: unknown): boolean {
  const code = errorCode(err);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  const name = errorName(err);
  return (
    name === "TimeoutError" ||
    name === "RequestTimeout" ||
    /socket hang up|ECONNREFUSED|ECONNRESET/.test(errorMessage(err))
  );
}

export function isCredentialsError(err: unknown): boolean {
  return errorName(err) === "CredentialsProviderError";
}

/** One line: `AccessDeniedException: User … is not authorized …` or `connect ECONNREFUSED 127.0.0.1:9`. */
export function describeAwsError(err: unknown): string {
  const name = errorName(err);
  const message = errorMessage(err).split("\n")[0] ?? "";
  const code = errorCode(err);
  if (name === "Error" || name === "AbortError")
    return code && !message.includes(code) ? `${code}: ${message}` : message;
  return message ? `${name}: ${message}` : name;
}

// Answers about the request as a whole (its credentials or signature), never about the resource named.
const REQUEST_LEVEL_NAMES = new Set([
  "ExpiredTokenException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
]);

/**
 * AWS answered about the resource the request named: a 4xx service error such as AccessDenied or
 * NotFound. Everything else — no HTTP answer (refused, reset, timeout, DNS), a 5xx after the SDK's
 * retries, throttling that outlasted them, a credentials or signature failure, an unreadable
 * response, the deadline — says nothing about the resource. Decided by `$metadata` and name only.
 */
export function isAnswerAboutResource(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const status = httpStatus(err);
  if (status === undefined || status < 400 || status >= 500) return false;
  return !isThrottlingError(err) && !REQUEST_LEVEL_NAMES.has(errorName(err));
}
