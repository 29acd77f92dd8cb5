import { createCipheriv, createDecipheriv } from "node:crypto";

/**
 * The sandbox's ciphertext blob: version byte, the owning account and key id (so a multi-Region
 * key's ciphertext decrypts in every Region of its family, which shares id and material), then
 * AES-256-GCM iv, tag and data. The encryption context is the GCM additional data.
 */
const VERSION = 0x01;

export interface CiphertextHeader {
  account: string;
  keyId: string;
}

export function sealCiphertext(
  header: CiphertextHeader,
  material: Buffer,
  iv: Buffer,
  plaintext: Buffer,
  context: Record<string, string>,
): Buffer {
  const label = Buffer.from(`${header.account}:${header.keyId}`, "utf8");
  const cipher = createCipheriv("aes-256-gcm", material, iv);
  cipher.setAAD(canonicalContext(context));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([
    Buffer.from([VERSION, label.length]),
    label,
    iv,
    cipher.getAuthTag(),
    data,
  ]);
}

export function readCiphertextHeader(blob: Buffer): CiphertextHeader | undefined {
  if (blob.length < 2 || blob[0] !== VERSION) return undefined;
  const labelLength = blob[1] ?? 0;
  if (blob.length < 2 + labelLength + 12 + 16) return undefined;
  const label = blob.subarray(2, 2 + labelLength).toString("utf8");
  const colon = label.indexOf(":");
  if (colon < 0) return undefined;
  return { account: label.slice(0, colon), keyId: label.slice(colon + 1) };
}

/** The plaintext, or undefined when the blob was not sealed with this material and context. */
export function openCiphertext(
  blob: Buffer,
  material: Buffer,
  context: Record<string, string>,
): Buffer | undefined {
  const offset = 2 + (blob[1] ?? 0);
  const iv = blob.subarray(offset, offset + 12);
  const tag = blob.subarray(offset + 12, offset + 28);
  try {
    const decipher = createDecipheriv("aes-256-gcm", material, iv);
    decipher.setAAD(canonicalContext(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(offset + 28)), decipher.final()]);
  } catch {
    return undefined;
  }
}

function canonicalContext(context: Record<string, string>): Buffer {
  const sorted = Object.keys(context)
    .sort()
    .map((k) => [k, context[k]]);
  return Buffer.from(JSON.stringify(sorted), "utf8");
}
