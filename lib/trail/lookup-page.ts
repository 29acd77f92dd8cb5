import { LookupEventsCommand, type LookupEventsCommandOutput } from "@aws-sdk/client-cloudtrail";
import type { Pacer } from "./pacer";

/** The one thing the collector needs from a CloudTrail client (a real `CloudTrailClient` fits). */
export interface LookupClient {
  send(
    command: LookupEventsCommand,
    options?: { abortSignal?: AbortSignal },
  ): Promise<LookupEventsCommandOutput>;
}

/** LookupEvents returns at most 50 events per page. */
export const LOOKUP_PAGE_SIZE = 50;

export interface PageRequest {
  eventName: string;
  from: Date;
  to: Date;
  nextToken?: string;
}

/** `attempts`: HTTP requests this page cost, the SDK's own retries included. */
export type PageOutcome = { attempts: number } & (
  | { kind: "page"; output: LookupEventsCommandOutput }
  | { kind: "throttled"; reason: string }
  | { kind: "aborted" }
  | { kind: "failed"; reason: string }
);

function describeError(error: unknown): { name: string; message: string } {
  if (typeof error !== "object" || error === null) return { name: "Error", message: String(error) };
  const { name, message } = error as { name?: unknown; message?: unknown };
  return {
    name: typeof name === "string" && name ? name : "Error",
    message: typeof message === "string" ? message : String(error),
  };
}

/**
 * The SDK retries throttled, dropped and 5xx requests by itself, inside `send`, with back-off that
 * can be a few milliseconds. So every attempt after the first (which the caller paced) waits on the
 * pacer too, and each attempt frees its slot when it ends. The middleware sits below the retry
 * middleware (same step, lower priority), on this command only, never on the caller's client.
 */
function paceAttempts(
  command: LookupEventsCommand,
  pacer: Pacer,
  releaseFirst: () => void,
): { attempts: () => number } {
  let attempts = 0;
  command.middlewareStack.add(
    (next) => async (args) => {
      attempts += 1;
      const release = attempts === 1 ? releaseFirst : await pacer();
      try {
        return await next(args);
      } finally {
        release?.();
      }
    },
    { step: "finalizeRequest", priority: "low", name: "kmsDriftPaceLookupAttempts" },
  );
  return { attempts: () => Math.max(attempts, 1) };
}

/**
 * One LookupEvents request for one event name, paced by the caller. LookupEvents accepts a single
 * lookup attribute, and NextToken must be replayed with the very same parameters, so the request
 * is rebuilt identically.
 */
export async function requestLookupPage(
  client: LookupClient,
  request: PageRequest,
  pacer: Pacer,
  signal?: AbortSignal,
): Promise<PageOutcome> {
  const command = new LookupEventsCommand({
    LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: request.eventName }],
    StartTime: request.from,
    EndTime: request.to,
    MaxResults: LOOKUP_PAGE_SIZE,
    NextToken: request.nextToken,
  });
  const paced = await pacer();
  let released = false;
  // Releases once: from the middleware after the first attempt, or here for clients without one.
  const release = () => {
    if (released) return;
    released = true;
    paced?.();
  };
  const counter = paceAttempts(command, pacer, release);
  try {
    const output = await client.send(command, signal ? { abortSignal: signal } : undefined);
    return { kind: "page", output, attempts: counter.attempts() };
  } catch (error) {
    const attempts = counter.attempts();
    if (signal?.aborted) return { kind: "aborted", attempts };
    const { name, message } = describeError(error);
    // The SDK resolves CloudTrail's modeled ThrottlingException by name; branch on the name only.
    if (name === "ThrottlingException")
      return { kind: "throttled", reason: `${name}: ${message}`, attempts };
    return { kind: "failed", reason: `${name}: ${message}`, attempts };
  } finally {
    release();
  }
}
