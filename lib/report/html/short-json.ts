import { canonicalJson } from "../../domain/canonical-json";

const MAX_JSON = 600;

/** A value in one short line: strings as they are, anything else as canonical JSON, cut at 600 characters. */
export function shortJson(value: unknown): string {
  if (value === undefined || value === null) return "—";
  const text = typeof value === "string" ? value : canonicalJson(value);
  return text.length > MAX_JSON ? `${text.slice(0, MAX_JSON - 1)}…` : text;
}
