import { canonicalJson } from "../domain/canonical-json";
import { html, type RawHtml } from "./html-escape";

const MAX_JSON = 600;

export function shortJson(value: unknown): string {
  if (value === undefined || value === null) return "—";
  const text = typeof value === "string" ? value : canonicalJson(value);
  return text.length > MAX_JSON ? `${text.slice(0, MAX_JSON - 1)}…` : text;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function humanKey(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase();
}

/**
 * A finding's `detail` in words. Its shape belongs to the drift stage, so render what is there:
 * text as text, lists as lists, objects as labelled lines, anything deeper as compact JSON.
 */
export function describeDetail(detail: unknown, depth = 0): RawHtml {
  if (detail === undefined || detail === null) return html``;
  if (isScalar(detail)) return html`<p>${String(detail)}</p>`;
  if (Array.isArray(detail)) {
    if (detail.length === 0) return html``;
    if (depth > 1) return html`<code>${shortJson(detail)}</code>`;
    return html`<ul>
      ${detail.map((item) => (isScalar(item) ? html`<li>${String(item)}</li>` : html`<li>${describeDetail(item, depth + 1)}</li>`))}
    </ul>`;
  }
  if (depth > 1) return html`<code>${shortJson(detail)}</code>`;
  const entries = Object.entries(detail as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== null,
  );
  return html`<dl class="detail">
    ${entries.map(
      ([key, value]) =>
        html`<dt>${humanKey(key)}</dt>
          <dd>${isScalar(value) ? String(value) : describeDetail(value, depth + 1)}</dd>`,
    )}
  </dl>`;
}
