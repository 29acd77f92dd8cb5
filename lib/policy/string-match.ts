import { OWN_REGION } from "./symbols";

/**
 * A condition or element value compiled to a small pattern language: literal characters (optionally
 * case-insensitive), `?` (one character) and `*` (any run). `noColon` wildcards stay inside one
 * colon-delimited ARN component (ArnLike / ArnEquals).
 */
type PatternItem =
  | { t: "lit"; c: string; ci: boolean }
  | { t: "one"; noColon: boolean }
  | { t: "star"; noColon: boolean };

export type Pattern = readonly PatternItem[];

export class PolicyVariableError extends Error {}

/**
 * Read a policy value into pattern items. `${*}`, `${?}` and `${$}` are IAM's escapes for literal
 * characters; any other `${…}` is a policy variable, which this module does not decide.
 */
export function parseValue(
  raw: string,
  opts: { wildcards: boolean; ci: boolean; noColon?: boolean },
): PatternItem[] {
  const items: PatternItem[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch === "$" && raw[i + 1] === "{") {
      const end = raw.indexOf("}", i + 2);
      const name = end < 0 ? raw.slice(i + 2) : raw.slice(i + 2, end);
      if (end >= 0 && (name === "*" || name === "?" || name === "$")) {
        items.push({ t: "lit", c: name, ci: false });
        i = end;
        continue;
      }
      throw new PolicyVariableError(`policy variable \${${name}}`);
    }
    if (opts.wildcards && ch === "*") items.push({ t: "star", noColon: opts.noColon ?? false });
    else if (opts.wildcards && ch === "?") items.push({ t: "one", noColon: opts.noColon ?? false });
    else items.push({ t: "lit", c: ch, ci: opts.ci && ch.toLowerCase() !== ch.toUpperCase() });
  }
  return items;
}

/**
 * ArnLike / ArnEquals: each of the first five colon-delimited components is matched on its own, the
 * sixth (the resource) takes the rest. A value with fewer than five colons is matched as a whole.
 */
export function parseArnValue(raw: string): PatternItem[] {
  const parts = raw.split(":");
  if (parts.length < 6) return parseValue(raw, { wildcards: true, ci: false });
  const head = parts.slice(0, 5);
  const tail = parts.slice(5).join(":");
  const items: PatternItem[] = [];
  for (const part of head) {
    items.push(...parseValue(part, { wildcards: true, ci: false, noColon: true }));
    items.push({ t: "lit", c: ":", ci: false });
  }
  items.push(...parseValue(tail, { wildcards: true, ci: false }));
  return items;
}

function itemAccepts(item: PatternItem, ch: string): boolean {
  if (item.t === "lit") return item.ci ? item.c.toLowerCase() === ch.toLowerCase() : item.c === ch;
  if (item.noColon && ch === ":") return false;
  // `?` is one character of a real string; the own-region symbol stands for a whole region name.
  if (item.t === "one") return ch !== OWN_REGION;
  return true;
}

/** NFA state sets: sorted item indexes, closed over `*` (which may match nothing). */
function closure(p: Pattern, states: number[]): number[] {
  const out = new Set<number>();
  const stack = [...states];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    if (out.has(s)) continue;
    out.add(s);
    if (p[s]?.t === "star") stack.push(s + 1);
  }
  return [...out].sort((a, b) => a - b);
}

function initialStates(p: Pattern): number[] {
  return closure(p, [0]);
}

function stepStates(p: Pattern, states: number[], ch: string): number[] {
  const next: number[] = [];
  for (const s of states) {
    const item = p[s];
    if (!item || !itemAccepts(item, ch)) continue;
    next.push(item.t === "star" ? s : s + 1);
  }
  return next.length === 0 ? next : closure(p, next);
}

export function accepts(p: Pattern, states: number[]): boolean {
  return states.includes(p.length);
}

const regexps = new WeakMap<Pattern, RegExp>();

function escapeChar(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** The same language as a regular expression (evaluation runs it once per request class). */
function toRegExp(p: Pattern): RegExp {
  let hit = regexps.get(p);
  if (hit) return hit;
  const body = p
    .map((item) => {
      if (item.t === "lit") {
        if (!item.ci) return escapeChar(item.c);
        return `[${escapeChar(item.c.toLowerCase())}${escapeChar(item.c.toUpperCase())}]`;
      }
      if (item.t === "one") return item.noColon ? `[^:${OWN_REGION}]` : `[^${OWN_REGION}]`;
      return item.noColon ? "[^:]*" : "[\\s\\S]*";
    })
    .join("");
  hit = new RegExp(`^${body}$`);
  regexps.set(p, hit);
  return hit;
}

export function matchPattern(p: Pattern, value: string): boolean {
  return toRegExp(p).test(value);
}

/** The characters a pattern tells apart from others. */
function distinguishedChars(p: Pattern, out: Set<string>): void {
  for (const item of p) {
    if (item.t === "lit") {
      out.add(item.c);
      if (item.ci) {
        out.add(item.c.toLowerCase());
        out.add(item.c.toUpperCase());
      }
    } else if (item.noColon) out.add(":");
  }
}

/**
 * The language a value is drawn from (an account id, an IAM name, any string) as a deterministic
 * automaton, and for each of its character classes a few candidate characters to stand for "any
 * other character of this class".
 */
interface Domain {
  /** Names the language, for the memo of atoms. */
  id: string;
  start: number;
  step(state: number, ch: string): number;
  accepting(state: number): boolean;
  allows(ch: string): boolean;
  otherCandidates: readonly (readonly string[])[];
  /** Characters the domain itself needs (a fixed prefix). */
  required?: string;
  /** The n-th of an endless run of distinct strings of the domain (stand-ins for "any other"). */
  sample(n: number): string;
}

export class BudgetExceeded extends Error {}

/**
 * Witness strings for every combination of pattern outcomes that some string of the domain
 * achieves (the atoms the patterns cut the domain into). Breadth-first over the product of the
 * domain automaton and each pattern's state set; exact because characters the patterns do not
 * mention behave alike and one stand-in per domain class covers them.
 */
const atomsMemo = new Map<string, string[]>();
const ATOMS_MEMO_LIMIT = 5000;

export function stringAtoms(
  patterns: readonly Pattern[],
  domain: Domain,
  maxStates = 4000,
): string[] {
  if (patterns.every(isLiteral)) return literalAtoms(patterns, domain);
  // Families share their principals and conditions: the same cut recurs across many pairs.
  const memoKey = `${domain.id}|${maxStates}|${JSON.stringify(patterns)}`;
  const hit = atomsMemo.get(memoKey);
  if (hit) return hit;
  const atoms = computeAtoms(patterns, domain, maxStates);
  if (atomsMemo.size >= ATOMS_MEMO_LIMIT) atomsMemo.clear();
  atomsMemo.set(memoKey, atoms);
  return atoms;
}

function isLiteral(p: Pattern): boolean {
  return p.every((item) => item.t === "lit" && !item.ci);
}

function inDomain(domain: Domain, word: string): boolean {
  let d = domain.start;
  for (const ch of word) {
    d = domain.step(d, ch);
    if (d < 0) return false;
  }
  return domain.accepting(d);
}

/**
 * Exact-value patterns only (the common case): each value of the domain is an atom of its own,
 * and everything else is one more, witnessed by a sample no pattern names.
 */
function literalAtoms(patterns: readonly Pattern[], domain: Domain): string[] {
  const values = new Set(patterns.map((p) => p.map((item) => (item as { c: string }).c).join("")));
  const atoms = [...values].filter((v) => inDomain(domain, v));
  for (let n = 0; ; n++) {
    const other = domain.sample(n);
    if (!values.has(other)) return [...atoms, other];
  }
}

function computeAtoms(patterns: readonly Pattern[], domain: Domain, maxStates: number): string[] {
  const chars = new Set<string>();
  for (const p of patterns) distinguishedChars(p, chars);
  for (const c of domain.required ?? "") chars.add(c);
  const alphabet = [...chars].filter((c) => domain.allows(c));
  for (const candidates of domain.otherCandidates) {
    const other = candidates.find((c) => !chars.has(c) && domain.allows(c));
    if (other !== undefined) alphabet.push(other);
  }
  alphabet.sort();
  // Each pattern's state sets interned to small ids, transitions memoised: a lazily built DFA.
  const dfas = patterns.map((p) => {
    const ids = new Map<string, number>();
    const sets: number[][] = [];
    const accepting: boolean[] = [];
    const next = new Map<string, number>();
    const intern = (set: number[]): number => {
      const k = set.join(",");
      let id = ids.get(k);
      if (id === undefined) {
        id = sets.length;
        ids.set(k, id);
        sets.push(set);
        accepting.push(accepts(p, set));
      }
      return id;
    };
    const start = intern(initialStates(p));
    const step = (id: number, ch: string): number => {
      const k = `${id}|${ch}`;
      let to = next.get(k);
      if (to === undefined) {
        to = intern(stepStates(p, sets[id] as number[], ch));
        next.set(k, to);
      }
      return to;
    };
    return { start, step, accepting };
  });
  type Node = { d: number; sets: number[]; word: string };
  const keyOf = (n: Node): string => `${n.d}|${n.sets.join(",")}`;
  const start: Node = { d: domain.start, sets: dfas.map((x) => x.start), word: "" };
  const seen = new Set<string>([keyOf(start)]);
  const best = new Map<string, string>();
  const queue: Node[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as Node;
    if (domain.accepting(node.d)) {
      const vector = node.sets.map((s, i) => (dfas[i]?.accepting[s] ? "1" : "0")).join("");
      const prior = best.get(vector);
      // Prefer a non-empty witness: "" is a real value but reads badly in a finding.
      if (prior === undefined || (prior === "" && node.word !== "")) best.set(vector, node.word);
    }
    for (const ch of alphabet) {
      const d = domain.step(node.d, ch);
      if (d < 0) continue;
      const next: Node = {
        d,
        sets: node.sets.map((s, i) => (dfas[i] as (typeof dfas)[number]).step(s, ch)),
        word: node.word + ch,
      };
      const k = keyOf(next);
      if (seen.has(k)) continue;
      seen.add(k);
      if (seen.size > maxStates) throw new BudgetExceeded("string atoms exceed the state budget");
      queue.push(next);
    }
  }
  return [...best.values()];
}

const LETTERS = "xqzjkwvybfghmnpr";

/** Any string (condition values): one state, every character. */
export const ANY_STRING: Domain = {
  id: "any",
  start: 0,
  step: () => 0,
  accepting: () => true,
  allows: () => true,
  otherCandidates: [LETTERS.split(""), ["#", "~", "%"]],
  sample: (n) => `x${n}`,
};

/** Exactly `length` decimal digits (an account id). */
export function digitsDomain(length: number): Domain {
  return {
    id: `digits:${length}`,
    start: 0,
    step: (s, ch) => (s < length && ch >= "0" && ch <= "9" ? s + 1 : -1),
    accepting: (s) => s === length,
    allows: (ch) => ch >= "0" && ch <= "9",
    otherCandidates: ["0123456789".split("")],
    sample: (n) => String(n).padStart(length, "0").slice(-length),
  };
}

const NAME_CHAR = /^[A-Za-z0-9+=,.@_-]$/;

/**
 * `prefix` followed by IAM names separated by single slashes (`role/path/name`), or one name when
 * `slashes` is false. States: 0..prefix.length-1 inside the prefix, then P (a segment is due), P+1
 * (inside a segment).
 */
export function iamNameDomain(prefix: string, slashes: boolean): Domain {
  const P = prefix.length;
  return {
    id: `iam:${prefix}:${slashes}`,
    start: 0,
    step: (s, ch) => {
      if (s < P) return prefix[s] === ch ? s + 1 : -1;
      if (NAME_CHAR.test(ch)) return P + 1;
      if (slashes && ch === "/" && s === P + 1) return P;
      return -1;
    },
    accepting: (s) => s === P + 1,
    allows: (ch) => NAME_CHAR.test(ch) || ch === "/" || prefix.includes(ch),
    otherCandidates: [LETTERS.split("")],
    required: prefix,
    sample: (n) => `${prefix}x${n}`,
  };
}

const SERVICE_CHAR = /^[a-z0-9.-]$/;
const SERVICE_SUFFIX = ".amazonaws.com";

const suffixMemo = new Map<string, number>();

/** Suffix automaton step: the longest prefix of `word` that ends (matched prefix + ch). */
function suffixStep(word: string, k: number, ch: string): number {
  const memoKey = `${k}|${ch}`;
  const hit = suffixMemo.get(memoKey);
  if (hit !== undefined) return hit;
  const text = word.slice(0, k) + ch;
  let n = Math.min(text.length, word.length);
  while (n > 0 && !text.endsWith(word.slice(0, n))) n--;
  suffixMemo.set(memoKey, n);
  return n;
}

/**
 * A service principal name: a letter or digit, then any service characters (the own-region symbol
 * included), ending in `.amazonaws.com`. State 0 is the start, 1 + k has matched k suffix characters.
 */
export const SERVICE_DOMAIN: Domain = {
  id: "service",
  start: 0,
  step: (s, ch) => {
    if (!(SERVICE_CHAR.test(ch) || ch === OWN_REGION)) return -1;
    if (s === 0) return /^[a-z0-9]$/.test(ch) ? 1 + suffixStep(SERVICE_SUFFIX, 0, ch) : -1;
    return 1 + suffixStep(SERVICE_SUFFIX, s - 1, ch);
  },
  accepting: (s) => s === 1 + SERVICE_SUFFIX.length,
  allows: (ch) => SERVICE_CHAR.test(ch) || ch === OWN_REGION,
  otherCandidates: [LETTERS.split("")],
  required: SERVICE_SUFFIX,
  sample: (n) => `x${n}${SERVICE_SUFFIX}`,
};
