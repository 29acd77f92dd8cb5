/**
 * The one gate for JSON entering the database. PostgreSQL's jsonb (PGlite is PostgreSQL too)
 * refuses two things that AWS strings can carry, because AWS strings are JSON and JSON can escape
 * them: U+0000 ("unsupported Unicode escape sequence") and UTF-16 surrogates that are not part of a
 * pair ("invalid input syntax for type json"). Every other character, control characters included,
 * is stored as it is. Each refused character becomes U+FFFD, in values and in member names alike,
 * and every place that changed is reported so the caller can say so.
 */

export type JsonPath = readonly (string | number)[];

export interface Replacement {
  /** Where the string sits; for a member name, the path of that member. */
  path: JsonPath;
  /** The member's name was changed, not its value. */
  inName: boolean;
  loneSurrogates: number;
  nulCharacters: number;
}

export interface StorableJson<T> {
  /** The value as it will read back from the database. */
  value: T;
  /** Its JSON text, ready for a `$n::jsonb` parameter. */
  text: string;
  replacements: Replacement[];
}

export const REPLACEMENT_CHARACTER = "\uFFFD";

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// JSON.stringify writes U+0000 and every lone surrogate as a lowercase \u escape, so a document
// whose text has neither escape needs no walk (a literal backslash-u in a string only costs a walk).
const MAYBE_UNSTORABLE = /\\u(0000|d[89a-f])/;

interface Cleaned {
  text: string;
  loneSurrogates: number;
  nulCharacters: number;
}

function clean(text: string): Cleaned | null {
  let loneSurrogates = 0;
  let nulCharacters = 0;
  const replaced = text.replace(UNSTORABLE, (match) => {
    if (match === "\u0000") nulCharacters += 1;
    else loneSurrogates += 1;
    return REPLACEMENT_CHARACTER;
  });
  return replaced === text ? null : { text: replaced, loneSurrogates, nulCharacters };
}

function walk(node: unknown, path: (string | number)[], found: Replacement[]): unknown {
  if (typeof node === "string") {
    const cleaned = clean(node);
    if (!cleaned) return node;
    found.push({ path: [...path], inName: false, ...counts(cleaned) });
    return cleaned.text;
  }
  if (Array.isArray(node)) {
    return node.map((item, index) => walk(item, [...path, index], found));
  }
  if (node === null || typeof node !== "object") return node;
  const entries: [string, unknown][] = [];
  const names = new Set<string>();
  for (const [name, member] of Object.entries(node)) {
    const cleanedName = clean(name);
    let storedName = cleanedName ? cleanedName.text : name;
    // Two names that differ only in refused characters must not collapse into one member.
    for (let n = 2; names.has(storedName); n += 1)
      storedName = `${cleanedName?.text ?? name} (${n})`;
    names.add(storedName);
    if (cleanedName)
      found.push({ path: [...path, storedName], inName: true, ...counts(cleanedName) });
    entries.push([storedName, walk(member, [...path, storedName], found)]);
  }
  // fromEntries defines own members, so a member named "__proto__" stays data.
  return Object.fromEntries(entries);
}

function counts(cleaned: Cleaned): Pick<Replacement, "loneSurrogates" | "nulCharacters"> {
  return { loneSurrogates: cleaned.loneSurrogates, nulCharacters: cleaned.nulCharacters };
}

/**
 * `value` as JSON that jsonb accepts, and what had to change. The result is what the database
 * will hand back (a JSON round trip), so callers compare and report against it, not the input.
 */
export function toStorableJson<T>(value: T): StorableJson<T> {
  const text = JSON.stringify(value);
  if (!MAYBE_UNSTORABLE.test(text)) return { value, text, replacements: [] };
  const replacements: Replacement[] = [];
  const stored = walk(JSON.parse(text), [], replacements);
  if (replacements.length === 0) return { value, text, replacements };
  // A JSON round trip of T, with only string contents changed: still a T.
  return { value: stored as T, text: JSON.stringify(stored), replacements };
}

/** Plain text for a `text` column (a run's reason): text refuses U+0000 as jsonb does. */
export function toStorableText(text: string): string {
  return clean(text)?.text ?? text;
}
