import { createPublicKey, KeyObject, verify } from "node:crypto";
import { z } from "zod";
import { BUNDLE_PARTS } from "./bundle-types";
import { digestJson } from "./bundle";
import { canonicalJsonChunks, digestChunks } from "./bundle-json";
import { canonicalJson } from "../domain/canonical-json";
import { keyFingerprint } from "./key-fingerprint";

const digest = z.string().regex(/^[0-9a-f]{64}$/, "expected a sha256 hex digest");

const envelopeSchema = z.object({
  bundleVersion: z.literal(1),
  parts: z.record(z.string(), z.unknown()),
  manifest: z.object({
    algorithm: z.literal("sha256"),
    digests: z.record(z.string(), digest),
  }),
  signature: z
    .object({
      algorithm: z.literal("ed25519"),
      publicKey: z.string().min(1),
      value: z.string().min(1),
    })
    .optional(),
});
type Signature = NonNullable<z.infer<typeof envelopeSchema>["signature"]>;

/**
 * Who may have signed. The key embedded in a bundle proves nothing by itself: whoever edits a
 * bundle can re-sign it with a key of their own and embed that. Only a key the verifier already
 * trusts establishes the signer.
 */
export interface TrustAnchors {
  /** The signature must verify against one of these keys. */
  publicKeys?: KeyObject[];
  /** Or: the embedded key must have one of these fingerprints (`SHA256:…`) and the signature verify against it. */
  fingerprints?: string[];
}

export type BundleVerdict =
  /** A part does not match its digest, the signature does not verify, or the signer is not trusted. */
  | { status: "invalid"; problems: string[] }
  /** Digests match and a trusted key signed the manifest. */
  | { status: "verified"; signer: string }
  /** Digests match (and a signature, if any, fits its embedded key), but no trusted key was given. */
  | { status: "integrity-only"; signer: string | null };

function readPublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.asymmetricKeyType === "ed25519" ? key : null;
  } catch {
    return null;
  }
}

type DigestOf = (part: unknown) => string;

function digestProblems(
  parts: Record<string, unknown>,
  digests: Record<string, string>,
  digestOf: DigestOf,
): string[] {
  const problems: string[] = [];
  for (const part of BUNDLE_PARTS) {
    const expected = digests[part];
    if (!(part in parts)) problems.push(`part "${part}" is missing`);
    else if (!expected) problems.push(`part "${part}" has no digest in the manifest`);
    else if (digestOf(parts[part]) !== expected)
      problems.push(`part "${part}" does not match its digest`);
  }
  for (const part of Object.keys(parts)) {
    if (!(BUNDLE_PARTS as readonly string[]).includes(part))
      problems.push(`part "${part}" is not part of the format`);
  }
  return problems;
}

type SignatureCheck = { problem: string } | { signer: string | null; trusted: boolean };

function checkSignature(
  manifest: unknown,
  signature: Signature | undefined,
  trust: TrustAnchors,
): SignatureCheck {
  const trustedKeys = trust.publicKeys ?? [];
  const pinned = trust.fingerprints ?? [];
  const anchored = trustedKeys.length > 0 || pinned.length > 0;
  if (!signature)
    return anchored
      ? { problem: "signature: the bundle is not signed, but a trusted key was given" }
      : { signer: null, trusted: false };
  const message = Buffer.from(canonicalJson(manifest), "utf8");
  const value = Buffer.from(signature.value, "base64");
  const signedBy = (key: KeyObject) => {
    try {
      return verify(null, message, key, value);
    } catch {
      return false; // a malformed signature value
    }
  };
  const embedded = readPublicKey(signature.publicKey);
  const embeddedPrint = embedded ? keyFingerprint(embedded) : null;

  if (!anchored) {
    if (!embedded) return { problem: "signature: the embedded public key is unreadable" };
    return signedBy(embedded)
      ? { signer: embeddedPrint, trusted: false }
      : { problem: "signature: does not verify against the embedded public key" };
  }
  const candidates = [
    ...trustedKeys,
    ...(embedded && embeddedPrint && pinned.includes(embeddedPrint) ? [embedded] : []),
  ];
  const signer = candidates.find(signedBy);
  if (signer) return { signer: keyFingerprint(signer), trusted: true };
  return { problem: untrustedProblem(trustedKeys.map(keyFingerprint), pinned, embeddedPrint) };
}

function untrustedProblem(keys: string[], pinned: string[], embedded: string | null): string {
  const names = embedded ? ` (the bundle names ${embedded})` : "";
  if (pinned.length === 0)
    return `signature: does not verify against the trusted public key ${keys.join(", ")}${names}`;
  if (keys.length === 0) {
    if (embedded === null) return "signature: the embedded public key is unreadable";
    return pinned.includes(embedded)
      ? `signature: does not verify against the pinned key ${embedded}`
      : `signature: made by key ${embedded}, which is not pinned (pinned: ${pinned.join(", ")})`;
  }
  return `signature: not made by a trusted key (trusted: ${[...keys, ...pinned].join(", ")})${names}`;
}

/** Checks every digest and the signature, and says whether the signer is established. */
export function assessBundle(
  bundle: unknown,
  trust: TrustAnchors = {},
  digestOf: DigestOf = digestJson,
): BundleVerdict {
  const parsed = envelopeSchema.safeParse(bundle);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "bundle";
    return {
      status: "invalid",
      problems: [`not an evidence bundle: ${where}: ${issue?.message ?? "invalid"}`],
    };
  }
  const { parts, manifest, signature } = parsed.data;
  const problems = digestProblems(parts, manifest.digests, digestOf);
  const check = checkSignature(manifest, signature, trust);
  if ("problem" in check) problems.push(check.problem);
  if (problems.length > 0 || "problem" in check) return { status: "invalid", problems };
  if (check.trusted && check.signer !== null) return { status: "verified", signer: check.signer };
  return { status: "integrity-only", signer: check.signer };
}

/**
 * `assessBundle` of a bundle read with lib/report/bundle-file-reader.ts, whose large arrays are
 * LazyArrays: each part's digest is computed first, a piece of canonical JSON at a time.
 */
export async function assessBundleFile(
  bundle: unknown,
  trust: TrustAnchors = {},
): Promise<BundleVerdict> {
  const digests = new Map<unknown, string>();
  const parts =
    typeof bundle === "object" && bundle !== null && "parts" in bundle ? bundle.parts : null;
  if (typeof parts === "object" && parts !== null && !Array.isArray(parts))
    for (const part of Object.values(parts))
      digests.set(part, await digestChunks(canonicalJsonChunks(part)));
  return assessBundle(bundle, trust, (part) => digests.get(part) ?? digestJson(part));
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
}

/**
 * Integrity only, unless `publicKey` is given: `ok` means nothing contradicts the digests or the
 * signature. Without a trusted key it does NOT mean the bundle is genuine; use `assessBundle`.
 */
export function verifyBundle(
  bundle: unknown,
  options: { publicKey?: string | Buffer | KeyObject } = {},
): VerifyResult {
  const { publicKey } = options;
  let trust: TrustAnchors = {};
  if (publicKey !== undefined) {
    const key = publicKey instanceof KeyObject ? publicKey : readPublicKey(publicKey.toString());
    if (!key)
      return {
        ok: false,
        problems: ["signature: the given public key is not an Ed25519 public key"],
      };
    trust = { publicKeys: [key] };
  }
  const verdict = assessBundle(bundle, trust);
  return verdict.status === "invalid"
    ? { ok: false, problems: verdict.problems }
    : { ok: true, problems: [] };
}
