import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { KMSClient } from "@aws-sdk/client-kms";
import type { AwsCredentialIdentityProvider, FinalizeRequestMiddleware } from "@smithy/types";
import { isThrottlingError } from "./errors";
import { InFlightGate } from "./in-flight-gate";
import { RegionPacer } from "./region-pacer";
import { KmsDriftRetryStrategy, type RetryLimits } from "./retry-strategy";

export interface ClientPoolOptions {
  /** Only from `--endpoint`; AWS_ENDPOINT_URL(_KMS/_CLOUDTRAIL) are read by the SDK itself. */
  endpoint?: string;
  quotas: Readonly<Record<string, number>>;
  retry?: RetryLimits;
  /** Aborts every paced wait (the scan deadline). */
  signal?: AbortSignal;
  /** Told about every attempt (progress counters). */
  onCall?: (throttled: boolean) => void;
  /** Requests on the wire at once, over every client (and so sockets). Default 512. */
  maxInFlight?: number;
}

const DEFAULT_MAX_IN_FLIGHT = 512;

interface PoolEntry {
  pacer: RegionPacer;
  kms?: KMSClient;
  cloudtrail?: CloudTrailClient;
}

/**
 * Pacing and counting sit inside the SDK retry loop (finalizeRequest, low priority: after the
 * retry middleware), so every attempt — first tries and retries — waits for a token and is counted.
 */
const PACING_STEP = {
  step: "finalizeRequest",
  priority: "low",
  name: "kmsDriftPacing",
  override: true,
} as const;

function pacingMiddleware<I extends object, O extends object>(
  pacer: RegionPacer,
  gate: InFlightGate,
  signal?: AbortSignal,
): FinalizeRequestMiddleware<I, O> {
  return (next, context) => async (args) => {
    const operation = (context.commandName ?? "Unknown").replace(/Command$/, "");
    const bucket = pacer.bucket(operation);
    await bucket.take(signal);
    const leave = await gate.acquire(signal);
    const answered = pacer.recordAttempt(operation);
    try {
      const output = await next(args);
      bucket.speedUp();
      return output;
    } catch (err) {
      if (isThrottlingError(err)) pacer.recordThrottle(operation);
      throw err;
    } finally {
      answered();
      leave();
    }
  };
}

/**
 * SDK clients per (account, region), created lazily and cached; every request paced and counted.
 * All of them share one keep-alive agent per protocol and one InFlightGate, so an Organization's
 * thousands of (account, region) clients use at most `maxInFlight` sockets, reused across accounts
 * (in AWS every account of a region talks to the same endpoint).
 */
export class ClientPool {
  private readonly entries = new Map<string, PoolEntry>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();
  private readonly gate: InFlightGate;
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(private readonly options: ClientPoolOptions) {
    const limit = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
    this.gate = new InFlightGate(limit);
    const agent = { keepAlive: true, maxSockets: limit, maxTotalSockets: limit };
    this.httpAgent = new HttpAgent(agent);
    this.httpsAgent = new HttpsAgent(agent);
  }

  setAccountCredentials(account: string, provider: AwsCredentialIdentityProvider): void {
    this.credentials.set(account, provider);
  }

  pacer(account: string, region: string): RegionPacer {
    return this.entry(account, region).pacer;
  }

  kms(account: string, region: string): KMSClient {
    const entry = this.entry(account, region);
    if (entry.kms === undefined) {
      entry.kms = new KMSClient(this.clientConfig(account, region));
      entry.kms.middlewareStack.add(
        pacingMiddleware(entry.pacer, this.gate, this.options.signal),
        PACING_STEP,
      );
    }
    return entry.kms;
  }

  cloudtrail(account: string, region: string): CloudTrailClient {
    const entry = this.entry(account, region);
    if (entry.cloudtrail === undefined) {
      entry.cloudtrail = new CloudTrailClient(this.clientConfig(account, region));
      entry.cloudtrail.middlewareStack.add(
        pacingMiddleware(entry.pacer, this.gate, this.options.signal),
        PACING_STEP,
      );
    }
    return entry.cloudtrail;
  }

  /**
   * Lets go of one (account, region)'s client for `service` once its work there is done: each client
   * caches its resolved middleware per command, tens of KB, and an Organization has thousands of
   * account-regions. The pacer and its counters stay; a later call creates the client again. Not
   * destroyed: that would close the agents every client shares.
   */
  forget(account: string, region: string, service: "kms" | "cloudtrail"): void {
    const entry = this.entries.get(`${account}|${region}`);
    if (entry !== undefined) delete entry[service];
  }

  destroy(): void {
    for (const entry of this.entries.values()) {
      entry.kms?.destroy();
      entry.cloudtrail?.destroy();
    }
    this.entries.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  private entry(account: string, region: string): PoolEntry {
    const key = `${account}|${region}`;
    let entry = this.entries.get(key);
    if (entry === undefined) {
      entry = { pacer: new RegionPacer(this.options.quotas, this.options.onCall) };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private clientConfig(account: string, region: string) {
    const credentials = this.credentials.get(account);
    if (credentials === undefined)
      throw new Error(`no credentials registered for account ${account}`);
    return {
      region,
      credentials,
      // Reuse the resolved middleware stack for every command sent without per-call options.
      cacheMiddleware: true,
      retryStrategy: new KmsDriftRetryStrategy(this.options.retry),
      requestHandler: {
        requestTimeout: 30_000,
        connectionTimeout: 10_000,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
      },
      ...(this.options.endpoint !== undefined ? { endpoint: this.options.endpoint } : {}),
    };
  }
}
