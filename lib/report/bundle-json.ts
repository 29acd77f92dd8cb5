import { createHash } from "node:crypto";
import { canonicalJson } from "../domain/canonical-json";

/**
 * An array of a JSON document that is read while the document is written, never held whole.
 * `read` starts a fresh pass over the elements each time it is called.
 */
export class LazyArray {
  constructor(readonly read: () => AsyncIterable<unknown>) {}
}

const INDENT = "  ";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether a value holds a LazyArray (in an object member, at any depth). */
function holdsLazy(value: unknown): boolean {
  if (value instanceof LazyArray) return true;
  return isPlainObject(value) && Object.values(value).some(holdsLazy);
}

/** The members JSON.stringify writes: those whose value is not undefined, a function or a symbol. */
function writtenMembers(value: Record<string, unknown>): [string, unknown][] {
  return Object.entries(value).filter(
    ([, member]) =>
      member !== undefined && typeof member !== "function" && typeof member !== "symbol",
  );
}

/** JSON.stringify(value, null, 2) as it reads `depth` levels deep (its lines indented to match). */
function nested(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? "null";
  return text.replaceAll("\n", `\n${INDENT.repeat(depth)}`);
}

/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte, with each LazyArray written element
 * by element as the plain array of its elements would be. Pieces end between JSON values, never
 * inside a string.
 */
export async function* prettyJsonChunks(value: unknown, depth = 0): AsyncGenerator<string> {
  if (value instanceof LazyArray) {
    let first = true;
    for await (const element of value.read()) {
      yield `${first ? "[\n" : ",\n"}${INDENT.repeat(depth + 1)}${nested(element === undefined ? null : element, depth + 1)}`;
      first = false;
    }
    yield first ? "[]" : `\n${INDENT.repeat(depth)}]`;
    return;
  }
  if (!holdsLazy(value) || !isPlainObject(value)) {
    yield nested(value, depth);
    return;
  }
  const members = writtenMembers(value);
  yield "{\n";
  for (const [index, [key, member]] of members.entries()) {
    yield `${INDENT.repeat(depth + 1)}${JSON.stringify(key)}: `;
    yield* prettyJsonChunks(member, depth + 1);
    yield index < members.length - 1 ? ",\n" : `\n${INDENT.repeat(depth)}}`;
  }
}

/**
 * `canonicalJson(value)` in pieces, byte for byte, with each LazyArray written element by element:
 * an incremental digest over the pieces is the digest of the canonical text.
 */
export async function* canonicalJsonChunks(value: unknown): AsyncGenerator<string> {
  if (value instanceof LazyArray) {
    let first = true;
    for await (const element of value.read()) {
      yield `${first ? "[" : ","}${canonicalJson(element)}`;
      first = false;
    }
    yield first ? "[]" : "]";
    return;
  }
  if (!holdsLazy(value) || !isPlainObject(value)) {
    yield canonicalJson(value);
    return;
  }
  const keys = Object.keys(value).sort();
  let first = true;
  yield "{";
  for (const key of keys) {
    const member = value[key];
    // canonicalJson drops a member it cannot write, as JSON.stringify does.
    if (member === undefined || typeof member === "function" || typeof member === "symbol")
      continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    yield* canonicalJsonChunks(member);
    first = false;
  }
  yield "}";
}

/** The sha256 (hex) of the pieces' UTF-8 bytes, front to back. */
export async function digestChunks(chunks: AsyncIterable<string>): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of chunks) hash.update(chunk, "utf8");
  return hash.digest("hex");
}
