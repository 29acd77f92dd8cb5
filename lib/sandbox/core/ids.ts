import type { Prng } from "./prng";

/** `1234abcd-12ab-34cd-56ef-1234567890ab`: AWS's key id shape (not necessarily an RFC-variant UUID). */
export function createKeyId(prng: Prng): string {
  const h = prng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Multi-Region key ids are `mrk-` + 32 hex digits, no dashes (docs/aws-facts.md#key-ids). */
export function createMultiRegionKeyId(prng: Prng): string {
  return `mrk-${prng.hex(32)}`;
}

/** Request ids and CloudTrail event ids: version-4 UUIDs. */
export function createUuid(prng: Prng): string {
  const h = prng.hex(32);
  const variant = ((parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Grant ids are 64 hex digits (docs/aws-facts.md#grants). */
export function createGrantId(prng: Prng): string {
  return prng.hex(64);
}

export function createGrantToken(prng: Prng): string {
  return `AQpA${prng.bytes(96).toString("base64").replace(/[+/=]/g, "")}`;
}

export function createKeyMaterialId(prng: Prng): string {
  return prng.hex(64);
}
