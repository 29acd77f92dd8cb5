import type { Prng } from "../core/prng";
import { recordTrailEvent, type TrailReceipt } from "../cloudtrail/record";
import { formatRequestParameters } from "../cloudtrail/shape";
import type { TrailStore } from "../cloudtrail/trail-store";
import type { StateStore } from "../state/store";
import { SandboxError, type CallContext } from "../types";
import type { AuditNote, KmsEnv } from "./env";
import { recordKeyUse } from "./last-usage";
import { KMS_OPERATIONS } from "./operations";
import { sweepDeletions } from "./sweep-deletions";

export interface KmsRuntime {
  store: StateStore;
  trail: TrailStore;
  prng: Prng;
  now(): number;
  isRegionEnabled(account: string, region: string): boolean;
}

/**
 * Runs one KMS operation and writes its CloudTrail events (success or failure) where AWS writes
 * them. Anything that is not an AWS-shaped error becomes KMSInternalException: no stack leaves.
 */
export function runKmsOperation(
  rt: KmsRuntime,
  operation: string,
  input: unknown,
  ctx: CallContext,
  requestId?: string,
): unknown {
  const entry = KMS_OPERATIONS[operation];
  if (!entry) throw new SandboxError("UnknownOperationException", "", 400);
  const now = ctx.time?.getTime() ?? rt.now();
  completeDueDeletions(rt, now);
  const audit: AuditNote = { resourceArns: [], extraEvents: [] };
  const env: KmsEnv = {
    ctx,
    operation,
    now,
    store: rt.store,
    prng: rt.prng,
    region: rt.store.region(ctx.account, ctx.region),
    audit,
    isRegionEnabled: rt.isRegionEnabled,
  };
  try {
    const output = entry.handler(input, env);
    if (entry.kind === "read") return output;
    const receipt = recordCall(rt, env, input, entry.kind === "crypto", requestId);
    const [keyArn] = env.audit.resourceArns;
    if (entry.kind === "crypto" && receipt && keyArn) {
      recordKeyUse(rt.store, keyArn, {
        operation,
        time: receipt.time,
        cloudTrailEventId: receipt.eventId,
        requestId: receipt.requestId,
      });
    }
    return output;
  } catch (caught) {
    const error =
      caught instanceof SandboxError
        ? caught
        : new SandboxError("KMSInternalException", "An internal error occurred.", 500);
    if (entry.kind !== "read")
      recordCall(rt, env, input, entry.kind === "crypto", requestId, error);
    throw error;
  }
}

/** Deletes keys whose waiting period ended by `now` (before any operation or lookup sees state). */
export function completeDueDeletions(rt: KmsRuntime, now: number): void {
  if (rt.store.pendingDeletion.size === 0) return;
  sweepDeletions(rt.store, now, (key, at) =>
    recordDeleteKey(rt, key.family.account, key.region, key.arn, at),
  );
}

function recordCall(
  rt: KmsRuntime,
  env: KmsEnv,
  input: unknown,
  readOnly: boolean,
  requestId?: string,
  error?: SandboxError,
): TrailReceipt | undefined {
  const { audit, ctx } = env;
  const ctxAtTime = { ...ctx, time: new Date(env.now) };
  const base = {
    ctx: ctxAtTime,
    eventName: env.operation,
    readOnly,
    requestParameters:
      audit.requestParameters !== undefined
        ? audit.requestParameters
        : formatRequestParameters(input ?? {}),
    rawResponseElements: error ? undefined : audit.responseElements,
    resourceArns: audit.resourceArns,
    requestId,
    // Access denials show up as `AccessDenied` in CloudTrail
    // (docs/aws-facts.md#cloudtrail-records).
    ...(error
      ? {
          errorCode: error.type === "AccessDeniedException" ? "AccessDenied" : error.type,
          errorMessage: error.message,
        }
      : {}),
  };
  const callerReceipt = recordTrailEvent(rt.trail, rt.prng, rt.now, base);
  // Cross-account use: the key owner's copy of the event is the one GetKeyLastUsage names.
  const ownerReceipt =
    audit.ownerAccount && !error
      ? recordTrailEvent(rt.trail, rt.prng, rt.now, {
          ...base,
          recipientAccount: audit.ownerAccount,
        })
      : undefined;
  if (error) return undefined;
  for (const extra of audit.extraEvents) {
    recordTrailEvent(rt.trail, rt.prng, rt.now, {
      ctx: { ...ctxAtTime, region: extra.region },
      eventName: extra.eventName,
      readOnly: false,
      requestParameters: extra.requestParameters,
      rawResponseElements: extra.responseElements,
      resourceArns: extra.resourceArns,
      invokedBy: extra.invokedBy,
    });
  }
  return ownerReceipt ?? callerReceipt;
}

function recordDeleteKey(
  rt: KmsRuntime,
  account: string,
  region: string,
  arn: string,
  at: number,
): void {
  recordTrailEvent(rt.trail, rt.prng, rt.now, {
    ctx: { account, region, accessKeyId: "", principalArn: "", time: new Date(at) },
    eventName: "DeleteKey",
    readOnly: false,
    requestParameters: null,
    resourceArns: [arn],
    internal: true,
  });
}
