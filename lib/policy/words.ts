import type { DeltaEntry, SideExplanation, WireRequest } from "../domain/policy-evidence";

/** `statement AllowS3` / `statement #2`: how a reviewer finds it in the policy. */
function statements(side: SideExplanation, effect: "Allow" | "Deny"): string {
  const hits = side.statements.filter((s) => s.effect === effect);
  if (hits.length === 0) return "";
  const names = hits.map((h) => (h.sid !== undefined ? `\`${h.sid}\`` : `#${h.index + 1}`));
  return `statement${names.length > 1 ? "s" : ""} ${names.join(", ")}`;
}

/** The request's context in words: `via s3.eu-west-1.amazonaws.com without an encryption context`. */
function describeContext(req: WireRequest): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(req.context)) {
    const lower = key.toLowerCase();
    if (lower === "kms:viaservice") parts.push(`via ${String(value)}`);
    else if (
      /^(aws:principal|kms:calleraccount|aws:requestedregion|aws:resourceaccount)/.test(lower)
    )
      continue;
    else parts.push(`with ${key} = ${Array.isArray(value) ? `[${value.join(", ")}]` : value}`);
  }
  let noContext = false;
  for (const key of req.absent) {
    const lower = key.toLowerCase();
    if (lower.startsWith("kms:encryptioncontext")) {
      if (!noContext) parts.push("without an encryption context");
      noContext = true;
    } else if (lower === "kms:viaservice") parts.push("directly (not through an AWS service)");
    else parts.push(`without ${key}`);
  }
  parts.push(
    req.callerIam === "grants-everything"
      ? "when its own IAM policies allow it"
      : "with no IAM permission of its own",
  );
  return parts.join(" ");
}

export interface SideNames {
  /** `the replica in eu-west-1`, `eu-west-1`. */
  actual: string;
  /** `us-east-1`, `the baseline`. */
  reference: string;
}

function allowedBy(side: SideExplanation, name: string): string {
  const s = statements(side, "Allow");
  return s ? `${s} of ${name}` : name;
}

function deniedBecause(side: SideExplanation): string {
  const deny = statements(side, "Deny");
  return deny ? `${side.because} (${deny})` : side.because;
}

/**
 * One delta entry in words, e.g. "role/x of account 111122223333 can now call kms:Decrypt via
 * s3.eu-west-1.amazonaws.com without an encryption context — statement `AllowS3` of eu-west-1;
 * denied in us-east-1 because no statement allows it".
 */
export function describeEntry(e: DeltaEntry, names: SideNames): string {
  const who = e.principal.label;
  if (e.change === "gained") {
    return `${who} can now call ${e.action} ${describeContext(e.witness.request)} — ${allowedBy(e.actual, names.actual)}; denied in ${names.reference} because ${deniedBecause(e.reference)}`;
  }
  return `${who} can no longer call ${e.action} ${describeContext(e.witness.request)} — allowed by ${allowedBy(e.reference, names.reference)}; denied in ${names.actual} because ${deniedBecause(e.actual)}`;
}

/** Most telling first: gains a Deny used to stop, other gains, then losses. */
export function rankEntry(e: DeltaEntry): number {
  if (e.change === "gained" && e.reference.decision === "explicit-deny") return 0;
  return e.change === "gained" ? 1 : 2;
}
