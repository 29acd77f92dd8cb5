/**
 * CloudTrail's renderings of KMS requests and responses (docs/aws-facts.md#cloudtrail-records):
 * member names camelCased as sent, map members (encryption contexts) kept verbatim, secrets
 * (plaintext, ciphertext) left out, and dates inside `responseElements` as Java-style strings
 * ("Aug 10, 2022, 10:38:27 PM").
 */
const MAP_MEMBERS = new Set([
  "EncryptionContext",
  "EncryptionContextSubset",
  "EncryptionContextEquals",
]);
const SECRET_MEMBERS = new Set(["Plaintext", "CiphertextBlob"]);
const DATE_MEMBERS = new Set([
  "CreationDate",
  "DeletionDate",
  "ValidTo",
  "NextRotationDate",
  "LastUpdatedDate",
]);
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function formatRequestParameters(input: unknown): unknown {
  if (Array.isArray(input)) return input.map(formatRequestParameters);
  if (typeof input !== "object" || input === null) return input;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (SECRET_MEMBERS.has(name)) continue;
    out[lowerFirst(name)] = MAP_MEMBERS.has(name) ? value : formatRequestParameters(value);
  }
  return out;
}

export function formatResponseElements(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(formatResponseElements);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    if (SECRET_MEMBERS.has(name)) continue;
    const key = lowerFirst(name);
    if (DATE_MEMBERS.has(name) && typeof member === "number")
      out[key] = formatJavaDate(member * 1000);
    else out[key] = MAP_MEMBERS.has(name) ? member : formatResponseElements(member);
  }
  return out;
}

export function formatJavaDate(ms: number): string {
  const d = new Date(ms);
  const hours = d.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${h12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"}`;
}

/** `2022-09-01T20:06:16Z`: CloudTrail's eventTime has whole seconds. */
export function formatEventTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
