import type { ReactNode } from "react";
import { shortJson } from "./short-json";

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
export function FindingDetail({ detail, depth = 0 }: { detail: unknown; depth?: number }) {
  if (detail === undefined || detail === null) return null;
  if (isScalar(detail)) return <p>{String(detail)}</p>;
  if (Array.isArray(detail)) {
    if (detail.length === 0) return null;
    if (depth > 1) return <code>{shortJson(detail)}</code>;
    return (
      <ul>
        {detail.map((item: unknown, i) => (
          <li key={i}>
            {isScalar(item) ? String(item) : <FindingDetail detail={item} depth={depth + 1} />}
          </li>
        ))}
      </ul>
    );
  }
  if (depth > 1) return <code>{shortJson(detail)}</code>;
  const entries = Object.entries(detail as Record<string, unknown>).filter(
    ([, v]) => v !== undefined && v !== null,
  );
  return (
    <dl className="detail">
      {entries.map(([key, value]) => (
        <Entry key={key} label={humanKey(key)}>
          {isScalar(value) ? String(value) : <FindingDetail detail={value} depth={depth + 1} />}
        </Entry>
      ))}
    </dl>
  );
}

function Entry({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}
