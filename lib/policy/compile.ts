import type { PolicyDocument, PolicyStatement } from "../domain/key-record";
import { isKnownKmsKey, isMultiValued, type Place } from "./condition-keys";
import { expandAction } from "./kms-actions";
import { KEY_POLICY_ACTIONS } from "./kms-facts";
import { canonicalStatement, statementKey } from "./normalize-policy";
import { type ConditionOperator, parseOperator } from "./operators";
import {
  matchPattern,
  type Pattern,
  parseArnValue,
  parseValue,
  PolicyVariableError,
} from "./string-match";
import { OWN_REGION, symbolize } from "./symbols";
import { type IpRange, parseBool, parseDate, parseIpRange, parseNumber } from "./values";

/** A key policy's place: where the key lives. Region, account and partition are the key's own. */
export interface KeyPlace extends Place {
  /** The key id (`mrk-…` or a UUID); Resource patterns are matched against the key's ARN. */
  keyId?: string;
}

export type PrincipalEntry =
  | { t: "all" }
  | { t: "account"; account: string }
  | { t: "iam"; account: string; resource: string }
  | { t: "session"; account: string; roleName: string; session: string }
  | { t: "service"; name: string }
  /** Matches no principal that can call today (a deleted principal's unique id, a group ARN). */
  | { t: "none"; raw: string };

export interface CompiledClause {
  op: ConditionOperator;
  /** Lower-cased: condition key names are case-insensitive. */
  key: string;
  /** As the policy spells it, for display. */
  name: string;
  /** As written (symbolic). */
  values: string[];
  patterns: Pattern[];
  numbers: number[];
  ranges: IpRange[];
  bools: (boolean | null)[];
}

export interface CompiledStatement {
  index: number;
  /**
   * The statement's meaning-preserving normal form (own region symbolic) plus whether it matches
   * this key: two statements with the same `identity` decide every request alike.
   */
  identity: string;
  sid?: string;
  effect: "Allow" | "Deny";
  principal: { negated: boolean; entries: PrincipalEntry[] };
  actions: ReadonlySet<string>;
  resourceMatches: boolean;
  clauses: CompiledClause[];
  /** Why the statement can never apply (no Action, no Resource…), for explanations. */
  inert?: string;
}

export interface CompiledPolicy {
  place: KeyPlace;
  statements: CompiledStatement[];
  /** Constructs this module does not decide; a comparison involving them is `undecidable`. */
  reasons: string[];
}

function toList<T>(v: T | T[] | undefined): T[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function parsePrincipalEntry(
  type: string,
  raw: string,
  place: KeyPlace,
  reasons: string[],
): PrincipalEntry | null {
  if (type === "Service") return { t: "service", name: symbolize(raw.toLowerCase(), place.region) };
  if (type !== "AWS") {
    reasons.push(`principal type ${type}`);
    return null;
  }
  if (raw === "*") return { t: "all" };
  if (/^\d{12}$/.test(raw)) return { t: "account", account: raw };
  if (raw.includes("*") || raw.includes("?")) {
    reasons.push(`wildcard inside principal ${raw}`);
    return null;
  }
  const m = /^arn:([^:]+):(iam|sts)::(\d{12}):(.+)$/.exec(raw);
  if (!m || m[1] !== place.partition) return { t: "none", raw };
  const [, , service, account, resource] = m as unknown as [string, string, string, string, string];
  if (service === "iam" && resource === "root") return { t: "account", account };
  if (service === "iam" && /^(role|user)\/./.test(resource)) return { t: "iam", account, resource };
  const session = /^assumed-role\/([^/]+)\/([^/]+)$/.exec(resource);
  if (service === "sts" && session) {
    return { t: "session", account, roleName: session[1] as string, session: session[2] as string };
  }
  if (service === "sts" && /^federated-user\/[^/]+$/.test(resource))
    return { t: "iam", account, resource };
  return { t: "none", raw };
}

function compilePrincipal(
  block: PolicyStatement["Principal"],
  place: KeyPlace,
  reasons: string[],
): PrincipalEntry[] {
  if (block === "*") return [{ t: "all" }];
  const out: PrincipalEntry[] = [];
  for (const [type, values] of Object.entries(block ?? {})) {
    for (const v of toList(values)) {
      const e = parsePrincipalEntry(type, String(v), place, reasons);
      if (e) out.push(e);
    }
  }
  return out;
}

const keyActions = new Set(KEY_POLICY_ACTIONS);

function compileActions(stmt: PolicyStatement): Set<string> | null {
  const named = (list: string[]): Set<string> =>
    new Set(list.flatMap((a) => expandAction(a)).filter((a) => keyActions.has(a)));
  if (stmt.Action !== undefined) return named(toList(stmt.Action));
  if (stmt.NotAction !== undefined) {
    const excluded = named(toList(stmt.NotAction));
    return new Set(KEY_POLICY_ACTIONS.filter((a) => !excluded.has(a)));
  }
  return null;
}

export function keyArn(place: KeyPlace): string {
  return `arn:${place.partition}:kms:${place.region}:${place.account}:key/${place.keyId ?? "${keyId}"}`;
}

function compileResource(
  stmt: PolicyStatement,
  place: KeyPlace,
  reasons: string[],
): boolean | null {
  const own = keyArn(place);
  const matches = (list: string[]): boolean =>
    list.some((r) => {
      try {
        const hit = matchPattern(parseValue(r, { wildcards: true, ci: false }), own);
        if (!place.keyId && !hit && /:key\/[^*?]+$/.test(r))
          reasons.push(`Resource ${r} names a key id and the key's id is unknown`);
        return hit;
      } catch (e) {
        if (e instanceof PolicyVariableError) reasons.push(`${e.message} in Resource`);
        else throw e;
        return false;
      }
    });
  if (stmt.Resource !== undefined) return matches(toList(stmt.Resource));
  if (stmt.NotResource !== undefined) return !matches(toList(stmt.NotResource));
  return null;
}

/** A wildcard that cuts into the own region's name (`eu-*` in eu-west-1) has no symbolic reading. */
function cutsIntoRegion(value: string, region: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch !== "*" && ch !== "?") continue;
    const before = /[^:./]*$/.exec(value.slice(0, i))?.[0] ?? "";
    const after = /^[^:./*?]*/.exec(value.slice(i + 1))?.[0] ?? "";
    if (before.length >= 2 && before.length < region.length && region.startsWith(before))
      return true;
    if (
      after.length >= 2 &&
      after.length < region.length &&
      region.endsWith(after) &&
      after.includes("-")
    )
      return true;
  }
  return false;
}

function compileClause(
  op: ConditionOperator,
  name: string,
  raw: (string | boolean | number)[],
  place: KeyPlace,
  reasons: string[],
): CompiledClause {
  const key = name.toLowerCase();
  const values = raw.map((v) => symbolize(String(v), place.region));
  const clause: CompiledClause = {
    op,
    key,
    name,
    values,
    patterns: [],
    numbers: [],
    ranges: [],
    bools: [],
  };
  if (values.length === 0) reasons.push(`${op.name} on ${key} with no values`);
  for (const v of values) {
    try {
      switch (op.family) {
        case "String":
          clause.patterns.push(
            parseValue(v, { wildcards: op.comparison === "like", ci: op.ignoreCase }),
          );
          if (op.comparison === "like" && cutsIntoRegion(v, place.region)) {
            reasons.push(`wildcard inside the key's region name in ${v}`);
          }
          break;
        case "Arn":
          clause.patterns.push(parseArnValue(v));
          if (cutsIntoRegion(v, place.region))
            reasons.push(`wildcard inside the key's region name in ${v}`);
          break;
        case "Binary":
          clause.patterns.push(parseValue(v, { wildcards: false, ci: false }));
          break;
        case "Numeric": {
          const n = parseNumber(v);
          if (n === null) reasons.push(`${op.name} value ${v} is not a number`);
          else clause.numbers.push(n);
          break;
        }
        case "Date": {
          const d = parseDate(v);
          if (d === null) reasons.push(`${op.name} value ${v} is not a date`);
          else clause.numbers.push(d);
          break;
        }
        case "Ip": {
          const r = parseIpRange(v);
          if (r === null) reasons.push(`${op.name} value ${v} is not an IP address or CIDR block`);
          else clause.ranges.push(r);
          break;
        }
        case "Bool":
        case "Null":
          clause.bools.push(parseBool(v));
          if (v.includes("${")) throw new PolicyVariableError(`policy variable in ${v}`);
          break;
      }
    } catch (e) {
      if (e instanceof PolicyVariableError) reasons.push(e.message);
      else throw e;
    }
  }
  if (values.some((v) => v.includes(OWN_REGION)) && op.family !== "String" && op.family !== "Arn") {
    reasons.push(`the key's own region inside a ${op.family} value`);
  }
  return clause;
}

function compileConditions(
  stmt: PolicyStatement,
  place: KeyPlace,
  reasons: string[],
): CompiledClause[] {
  const out: CompiledClause[] = [];
  for (const [opName, entries] of Object.entries(stmt.Condition ?? {})) {
    const op = parseOperator(opName);
    if (!op) {
      reasons.push(`condition operator ${opName}`);
      continue;
    }
    for (const [rawKey, rawValues] of Object.entries(entries ?? {})) {
      const key = rawKey.toLowerCase();
      if (key.startsWith("kms:") && !isKnownKmsKey(key))
        reasons.push(`unknown KMS condition key ${rawKey}`);
      if (key === "aws:username") reasons.push("condition key aws:username");
      if (isMultiValued(key) && op.set === null && op.family !== "Null") {
        // IAM: "Multivalued context keys require a condition set operator"; no documented meaning without.
        reasons.push(`${opName} without ForAnyValue/ForAllValues on multivalued key ${rawKey}`);
      }
      out.push(compileClause(op, rawKey, toList(rawValues as string | string[]), place, reasons));
    }
  }
  return out;
}

type StatementCore = Omit<CompiledStatement, "index" | "sid">;

// Estates repeat the same statements across keys: compile each text once per place. A compiled
// statement is never mutated, so sharing it is safe.
const coreMemo = new Map<string, { core: StatementCore; problems: string[] }>();
const CORE_MEMO_LIMIT = 20_000;

function compileCore(
  stmt: PolicyStatement,
  place: KeyPlace,
): { core: StatementCore; problems: string[] } {
  const { Sid: _sid, ...rest } = stmt;
  const k = `${JSON.stringify(place)}|${JSON.stringify(rest)}`;
  const hit = coreMemo.get(k);
  if (hit) return hit;
  const problems: string[] = [];
  let entries: PrincipalEntry[] = [];
  let negated = false;
  if (stmt.Principal !== undefined) entries = compilePrincipal(stmt.Principal, place, problems);
  else if (stmt.NotPrincipal !== undefined) {
    entries = compilePrincipal(stmt.NotPrincipal, place, problems);
    negated = true;
    // IAM: "NotPrincipal must be used with "Effect":"Deny". Using it with "Effect":"Allow" is not supported."
    if (stmt.Effect === "Allow")
      problems.push("NotPrincipal with Allow, which IAM does not support");
  } else problems.push("a statement without Principal or NotPrincipal");
  const actions = compileActions(stmt);
  const resource = compileResource(stmt, place, problems);
  const clauses = compileConditions(stmt, place, problems);
  // PutKeyPolicy: "If either of the required Resource or Action elements are missing from a key
  // policy statement, the policy statement has no effect."
  const inert =
    actions === null ? "no Action element" : resource === null ? "no Resource element" : undefined;
  const made = {
    core: {
      identity: `${statementKey(canonicalStatement(stmt, place))}|${resource === true}`,
      effect: stmt.Effect,
      principal: { negated, entries },
      actions: actions ?? new Set<string>(),
      resourceMatches: resource ?? false,
      clauses,
      ...(inert ? { inert } : {}),
    },
    problems,
  };
  if (coreMemo.size >= CORE_MEMO_LIMIT) coreMemo.clear();
  coreMemo.set(k, made);
  return made;
}

function compileStatement(
  stmt: PolicyStatement,
  index: number,
  place: KeyPlace,
  reasons: string[],
): CompiledStatement {
  const { core, problems } = compileCore(stmt, place);
  const label = stmt.Sid ? `statement ${stmt.Sid}` : `statement #${index + 1}`;
  reasons.push(...problems.map((r) => `${r} (${label})`));
  return { index, ...(stmt.Sid !== undefined ? { sid: stmt.Sid } : {}), ...core };
}

export function compilePolicy(doc: PolicyDocument, place: KeyPlace): CompiledPolicy {
  const reasons: string[] = [];
  const statements = toList(doc.Statement).map((s, i) => compileStatement(s, i, place, reasons));
  return { place, statements, reasons: [...new Set(reasons)] };
}
