/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts colour, cursor and
 * title sequences, BEL rings, CR overwrites the line), DEL, C1 controls (U+009B is a one-byte CSI
 * on many terminals) and the bidi controls that reorder what follows (U+202E turns
 * "gnp.exe" into "exe.png"; the "Trojan Source" trick). Key descriptions, tags and AWS error text
 * are free text from the account under audit, so none of them may reach a terminal raw.
 */
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export type ControlStyle =
  /** `\x1B`, `\u202E`: visible in a terminal, a table or a spreadsheet cell. */
  | "visible"
  /** `\u001b`, `\u202e`: for text that is already JSON, which parses back to the same data. */
  | "json";

export interface NeutraliseOptions {
  style?: ControlStyle;
  /** Characters to leave alone where they carry structure, e.g. "\n" between remediation commands. */
  keep?: string;
}

function hex(code: number, width: number): string {
  return code.toString(16).toUpperCase().padStart(width, "0");
}

function escapeOne(ch: string, style: ControlStyle): string {
  const code = ch.charCodeAt(0);
  if (style === "json") return `\\u${hex(code, 4).toLowerCase()}`;
  return code <= 0xff ? `\\x${hex(code, 2)}` : `\\u${hex(code, 4)}`;
}

/** Replaces every control and bidi character (except those in `keep`) with a visible escape. */
export function neutraliseControlChars(text: string, options: NeutraliseOptions = {}): string {
  const style = options.style ?? "visible";
  const keep = options.keep ?? "";
  return text.replace(CONTROL_CHARS, (ch) => (keep.includes(ch) ? ch : escapeOne(ch, style)));
}

/**
 * JSON text for a terminal or a file: JSON.stringify escapes C0 but leaves DEL, C1 and bidi
 * controls raw. They can only occur inside strings, so escaping them keeps the JSON valid and
 * lossless. A raw newline can only be the indentation's, so it stays.
 */
export function toSafeJson(value: unknown, indent = 2): string {
  return neutraliseControlChars(JSON.stringify(value, null, indent), { style: "json", keep: "\n" });
}
