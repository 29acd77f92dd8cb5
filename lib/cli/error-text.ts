import { neutraliseControlChars } from "../report/control-chars";

/**
 * What went wrong, as text. Some libraries throw plain objects (PGlite's file-system layer throws
 * `{ name: "ErrnoError", errno: 54 }`), which `String()` turns into "[object Object]".
 */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "object" && error !== null) {
    const fields = error as Record<string, unknown>;
    const name = typeof fields.name === "string" ? fields.name : "error";
    if (typeof fields.message === "string" && fields.message !== "") return fields.message;
    const code = fields.code ?? fields.errno;
    return typeof code === "string" || typeof code === "number" ? `${name} (${code})` : name;
  }
  return String(error);
}

/**
 * One terminal-safe line: the first line of the text, with control and bidi characters shown as
 * escapes. Messages carry file names, flag values and AWS error text, none of which may steer the
 * terminal.
 */
export function safeLine(text: string): string {
  const first = text.split(/\r?\n/)[0] ?? "";
  return neutraliseControlChars(first);
}

/** `prefix: message\n`, ready for stderr. */
export function errorLine(prefix: string, error: unknown): string {
  return `${prefix}: ${safeLine(typeof error === "string" ? error : describeThrown(error))}\n`;
}
