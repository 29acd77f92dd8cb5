import { canonicalJson } from "../domain/canonical-json";

/** A finding's expected or actual value as report text: strings as they are, the rest as canonical JSON. */
export function valueText(value: unknown, absent: string): string {
  if (value === undefined || value === null) return absent;
  return typeof value === "string" ? value : canonicalJson(value);
}
