import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { BUNDLE_PARTS } from "./bundle-types";
import { digestJson } from "./bundle";
import { canonicalJson } from "./canonical-json";

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

export interface VerifyResult {
  ok: boolean;
  problems: string[];
}

export interface VerifyOptions {
  /** A trusted public key (PEM/SPKI): the signature must verify against it, not only the embedded one. */
  publicKey?: string | Buffer | KeyObject;
}

function readPublicKey(key: string | Buffer | KeyObject): KeyObject | null {
  try {
    const keyObject =
      typeof key === "object" && "asymmetricKeyType" in key ? key : createPublicKey(key);
    return keyObject.asymmetricKeyType === "ed25519" ? keyObject : null;
  } catch {
    return null;
  }
}

export function verifyBundle(bundle: unknown, options: VerifyOptions = {}): VerifyResult {
  const parsed = envelopeSchema.safeParse(bundle);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "bundle";
    return {
      ok: false,
      problems: [`not an evidence bundle: ${where}: ${issue?.message ?? "invalid"}`],
    };
  }
  const { parts, manifest, signature } = parsed.data;
  const problems: string[] = [];
  for (const part of BUNDLE_PARTS) {
    const expected = manifest.digests[part];
    if (!(part in parts)) problems.push(`part "${part}" is missing`);
    else if (!expected) problems.push(`part "${part}" has no digest in the manifest`);
    else if (digestJson(parts[part]) !== expected)
      problems.push(`part "${part}" does not match its digest`);
  }
  for (const part of Object.keys(parts)) {
    if (!(BUNDLE_PARTS as readonly string[]).includes(part))
      problems.push(`part "${part}" is not part of the format`);
  }
  problems.push(...checkSignature(manifest, signature, options));
  return { ok: problems.length === 0, problems };
}

function checkSignature(
  manifest: unknown,
  signature: { publicKey: string; value: string } | undefined,
  options: VerifyOptions,
): string[] {
  if (!signature) return options.publicKey ? ["signature: the bundle is not signed"] : [];
  const trusted = options.publicKey !== undefined;
  const key = readPublicKey(options.publicKey ?? signature.publicKey);
  if (!key)
    return [
      trusted
        ? "signature: the given public key is not an Ed25519 public key"
        : "signature: the embedded public key is unreadable",
    ];
  const valid = verify(
    null,
    Buffer.from(canonicalJson(manifest), "utf8"),
    key,
    Buffer.from(signature.value, "base64"),
  );
  if (valid) return [];
  return [`signature: does not verify against the ${trusted ? "given" : "embedded"} public key`];
}
