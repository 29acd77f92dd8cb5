import { createHash, createPublicKey, type KeyObject } from "node:crypto";

/**
 * `SHA256:` and the unpadded base64 SHA-256 of the public key's DER SubjectPublicKeyInfo, the
 * form OpenSSH prints. The same value from a shell:
 * `openssl pkey -in key.pem -pubout -outform DER | openssl dgst -sha256 -binary | base64 | tr -d =`
 */
export function keyFingerprint(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  const der = publicKey.export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("base64").replace(/=+$/, "")}`;
}

const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}=?$/;

/** A pinned fingerprint as typed (trailing `=` allowed), normalised; null when malformed. */
export function parseFingerprint(text: string): string | null {
  const trimmed = text.trim();
  return FINGERPRINT.test(trimmed) ? trimmed.replace(/=$/, "") : null;
}

/** An Ed25519 public key from PEM (a private key PEM gives its public half); throws one clear line. */
export function loadPublicKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error("not a readable PEM public key");
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new Error(`must be an Ed25519 key, not ${key.asymmetricKeyType ?? "unknown"}`);
  return key;
}
