import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import type { KmsDriftConfig } from "../config";
import type { TrailEvent } from "../domain/trail-event";
import type { RegionCallStats } from "../aws/region-pacer";

export interface RegionCallReport {
  account: string;
  region: string;
  stats: RegionCallStats;
}

export interface ScanOptions {
  /** Overrides config `regions`; `all` (the default) = every region of the partition. */
  regions?: string[] | "all";
  /** `--endpoint`: an explicit endpoint for KMS, CloudTrail and STS (the SDK reads AWS_ENDPOINT_URL* itself). */
  endpoint?: string;
  /** `--profile`: a named profile of the shared AWS config files. */
  profile?: string;
  /** Explicit base credentials (tests, embedding); otherwise profile or the default chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The loaded config (scan part + drift rules); default: empty config. */
  config?: KmsDriftConfig;
  /** Recorded in the snapshot's parameters. */
  configFile?: string;
  /** `--since`: the CloudTrail window as typed (`7d`, `36h`, `90m`), already validated. */
  since?: string;
  /** False with `--no-trail`; default true. */
  trail?: boolean;
  /**
   * The previous snapshot: without `since`, the CloudTrail window starts at its start, and its events
   * still explain findings that persist.
   */
  previous?: { startedAt: string; events: TrailEvent[] };
  /** Overall deadline; unfinished regions become `error: deadline exceeded`. Default 10 minutes. */
  timeoutMs?: number;
  /** Keys read side by side per (account, region); each key reads up to four properties at once. Default 16. */
  concurrencyPerRegion?: number;
  /** The partition whose region list `all` means; default from AWS_REGION, else `aws`. */
  partition?: string;
  /** Environment used to detect the endpoint and partition (default process.env). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Told, at the end, what every (account, region) spent: calls per operation, throttles, peak in flight (benchmarks). */
  onCallStats?: (stats: RegionCallReport[]) => void;
  /** Clock for the snapshot and drift (tests). */
  now?: () => Date;
}

export type { ScanPhase, ScanProgress } from "../domain/scan-progress";

/** A scan that could not start: usage, credentials, or an endpoint nobody answers at. Exit code 2 in the CLI. */
export class ScanSetupError extends Error {
  override readonly name = "ScanSetupError";
  constructor(
    readonly kind: "usage" | "credentials" | "connection",
    message: string,
  ) {
    super(message);
  }
}
