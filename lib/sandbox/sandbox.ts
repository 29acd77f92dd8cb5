import { createUuid } from "./core/ids";
import { createPrng } from "./core/prng";
import { lookupEvents } from "./cloudtrail/lookup-events";
import { recordTrailEvent } from "./cloudtrail/record";
import { createTrailStore, type TrailStore } from "./cloudtrail/trail-store";
import { recordKeyUse } from "./kms/last-usage";
import { completeDueDeletions, runKmsOperation, type KmsRuntime } from "./kms/run-operation";
import { createStateStore, type StateStore } from "./state/store";
import {
  SandboxError,
  type CallContext,
  type Identity,
  type RecordedEventInput,
  type RoleDefinition,
  type SandboxApi,
  type SandboxService,
} from "./types";

export interface SandboxOptions {
  seed: number;
  defaultAccount?: string;
  /** Access key id ⇒ account: such callers are `arn:aws:iam::<account>:user/<accessKeyId>`. */
  accountMap?: Record<string, string>;
  /** The sandbox's notion of now (world history, LookupEvents' 90-day window). Defaults to the real clock. */
  clock?: () => Date;
}

/** One API request as the HTTP server saw it (served at `GET /_sandbox/calls`). */
export interface CallLogEntry {
  time: string;
  account: string;
  region: string;
  service: string;
  operation: string;
  caller: string;
  status: number;
  errorType?: string;
}

export interface Sandbox extends SandboxApi {
  readonly seed: number;
  /** Every HTTP API request, faulted ones included (the server appends). */
  readonly calls: CallLogEntry[];
  readonly trail: TrailStore;
  readonly state: StateStore;
  now(): Date;
  /** Like `call`, with the request id the HTTP response carries (CloudTrail's requestID). */
  invoke(
    service: SandboxService,
    operation: string,
    input: unknown,
    ctx: CallContext,
    requestId?: string,
  ): unknown;
  nextRequestId(): string;
  /** Regions not enabled for any account (ReplicateKey refuses them). */
  setNotEnabledRegions(regions: string[]): void;
}

export const DEFAULT_ACCOUNT = "111122223333";

export function createSandbox(options: SandboxOptions): Sandbox {
  const prng = createPrng(options.seed);
  const store = createStateStore();
  const trail = createTrailStore();
  const defaultAccount = options.defaultAccount ?? DEFAULT_ACCOUNT;
  const clock = options.clock ?? (() => new Date());
  const identities = new Map<string, Identity>();
  const roles = new Map<string, RoleDefinition>();
  let notEnabled = new Set<string>();
  const runtime: KmsRuntime = {
    store,
    trail,
    prng,
    now: () => clock().getTime(),
    isRegionEnabled: (_account, region) => !notEnabled.has(region),
  };
  for (const [accessKeyId, account] of Object.entries(options.accountMap ?? {})) {
    identities.set(accessKeyId, {
      account,
      principalArn: `arn:aws:iam::${account}:user/${accessKeyId}`,
    });
  }

  function invoke(
    service: SandboxService,
    operation: string,
    input: unknown,
    ctx: CallContext,
    requestId?: string,
  ): unknown {
    if (service === "kms") return runKmsOperation(runtime, operation, input, ctx, requestId);
    if (service === "cloudtrail" && operation === "LookupEvents") {
      const now = ctx.time?.getTime() ?? runtime.now();
      completeDueDeletions(runtime, now);
      return lookupEvents(trail, ctx.account, ctx.region, now, input);
    }
    throw new SandboxError("UnknownOperationException", "", 400);
  }

  return {
    seed: options.seed,
    defaultAccount,
    calls: [],
    trail,
    state: store,
    now: clock,
    call: (service, operation, input, ctx) => invoke(service, operation, input, ctx),
    invoke,
    nextRequestId: () => createUuid(prng),
    recordEvent(event: RecordedEventInput) {
      const receipt = recordTrailEvent(trail, prng, runtime.now, event);
      if (event.errorCode !== undefined) return;
      for (const arn of event.resourceArns) {
        recordKeyUse(store, arn, {
          operation: event.eventName,
          time: receipt.time,
          cloudTrailEventId: receipt.eventId,
          requestId: receipt.requestId,
        });
      }
    },
    startUsageTracking(at) {
      store.usageTrackingStart = at.getTime();
    },
    resolveAccessKey(accessKeyId) {
      return (
        identities.get(accessKeyId) ?? {
          account: defaultAccount,
          principalArn: `arn:aws:iam::${defaultAccount}:user/${accessKeyId}`,
        }
      );
    },
    registerAccessKey(accessKeyId, identity) {
      identities.set(accessKeyId, identity);
    },
    defineRole(role) {
      roles.set(role.arn, role);
    },
    getRole: (roleArn) => roles.get(roleArn),
    setNotEnabledRegions(regions) {
      notEnabled = new Set(regions);
    },
  };
}
