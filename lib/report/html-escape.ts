import { neutraliseControlChars } from "./control-chars";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values. Control and bidi characters
 * become visible escapes (`\u202E`): the report is printed to terminals too, and a reviewer should
 * see a hidden reordering, not be fooled by it.
 */
export function escapeHtml(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  return neutraliseControlChars(text, { keep: "\t\n" }).replace(
    /[&<>"']/g,
    (ch) => ENTITIES[ch] ?? ch,
  );
}

/** A template tag whose interpolations are escaped unless wrapped with `raw()`. */
export interface RawHtml {
  readonly __html: string;
}

export function raw(html: string): RawHtml {
  return { __html: html };
}

function isRaw(value: unknown): value is RawHtml {
  return typeof value === "object" && value !== null && "__html" in value;
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    out += parts.map((part) => (isRaw(part) ? part.__html : escapeHtml(part))).join("");
    out += strings[i + 1] ?? "";
  });
  return raw(out);
}
