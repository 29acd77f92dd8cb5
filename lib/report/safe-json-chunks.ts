import { neutraliseControlChars } from "./control-chars";

const INDENT = "  ";

function safe(text: string): string {
  return neutraliseControlChars(text, { style: "json", keep: "\n" });
}

/** JSON.stringify(value, null, 2) nested `depth` levels deep (its lines indented to match). */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return text.replaceAll("\n", `\n${INDENT.repeat(depth)}`);
}

/**
 * `toSafeJson(value)` (2-space JSON with control characters escaped) in pieces, byte for byte,
 * for a value too large to be one string: V8 refuses strings over 2^29 characters ("Invalid
 * string length"), which a snapshot of 100,000 keys with their CloudTrail events exceeds. An
 * object's array members are written element by element; everything else as JSON.stringify
 * writes it. Escaping piece by piece is the same as escaping the whole: pieces break between JSON
 * values, never inside a string.
 */
export function* safeJsonChunks(value: unknown): Generator<string> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    yield safe(JSON.stringify(value, null, 2) ?? "null");
    return;
  }
  const members = Object.entries(value).filter(
    ([, member]) =>
      member !== undefined && typeof member !== "function" && typeof member !== "symbol",
  );
  if (members.length === 0) {
    yield "{}";
    return;
  }
  yield "{\n";
  for (const [index, [key, member]] of members.entries()) {
    yield `${INDENT}${safe(JSON.stringify(key))}: `;
    if (Array.isArray(member) && member.length > 0) {
      yield "[\n";
      for (const [i, element] of member.entries()) {
        const comma = i < member.length - 1 ? "," : "";
        yield `${INDENT.repeat(2)}${safe(nested(element === undefined ? null : element, 2))}${comma}\n`;
      }
      yield `${INDENT}]`;
    } else yield safe(nested(member, 1));
    yield index < members.length - 1 ? ",\n" : "\n";
  }
  yield "}";
}
