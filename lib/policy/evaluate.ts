import { availability } from "./condition-keys";
import type { CompiledClause, CompiledPolicy, CompiledStatement, PrincipalEntry } from "./compile";
import { roleName, type RequestPrincipal } from "./principals";
import { matchPattern } from "./string-match";
import { parseBool, parseDate, parseIpRange, parseNumber } from "./values";

/**
 * The two worlds a key-policy decision depends on: the caller's own IAM policies grant nothing, or
 * grant everything. A key policy that names an account lets that account's IAM policies decide;
 * cross-account callers always need their own IAM policy too.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html#key-policy-default-allow-root-enable-iam
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
 */
export type CallerIam = "grants-nothing" | "grants-everything";
export const WORLDS: readonly CallerIam[] = ["grants-nothing", "grants-everything"];

/** One request against one key. Context keys lower-cased; values symbolic (own region = OWN_REGION). */
export interface EvalRequest {
  principal: RequestPrincipal;
  action: string;
  context: Readonly<Record<string, string | readonly string[]>>;
  callerIam: CallerIam;
}

type Decision = "allow" | "explicit-deny" | "implicit-deny";

interface StatementHit {
  index: number;
  sid?: string;
  effect: "Allow" | "Deny";
  /** `direct`: the statement names the caller (or everyone); `account`: it names the caller's account. */
  via: "direct" | "account";
}

export interface Evaluation {
  decision: Decision;
  /** Statements whose principal, action, resource and conditions all match. */
  statements: StatementHit[];
  /** Why, in one sentence. */
  because: string;
}

function matchEntry(e: PrincipalEntry, p: RequestPrincipal): "direct" | "account" | null {
  switch (e.t) {
    case "all":
      return "direct";
    case "account":
      if (p.kind === "service" || p.account !== e.account) return null;
      // The account principal is the root user itself; for anyone else it delegates to IAM.
      return p.kind === "root" ? "direct" : "account";
    case "iam":
      return p.kind !== "service" &&
        p.kind !== "root" &&
        p.account === e.account &&
        p.resource === e.resource
        ? "direct"
        : null;
    case "session":
      return p.kind === "role-session" &&
        p.account === e.account &&
        roleName(p.resource ?? "") === e.roleName &&
        p.session === e.session
        ? "direct"
        : null;
    case "service":
      return p.kind === "service" && p.service === e.name ? "direct" : null;
    case "none":
      return null;
  }
}

/** How a statement's Principal / NotPrincipal names a caller, or null when it does not. */
export function principalMatch(
  s: CompiledStatement,
  p: RequestPrincipal,
): "direct" | "account" | null {
  const hits = s.principal.entries.map((e) => matchEntry(e, p));
  if (s.principal.negated) return hits.some((h) => h !== null) ? null : "direct";
  if (hits.includes("direct")) return "direct";
  return hits.includes("account") ? "account" : null;
}

/** Statements that apply to this principal and action on this key, whatever the conditions say. */
export function applicableStatements(
  policy: CompiledPolicy,
  p: RequestPrincipal,
  action: string,
): { statement: CompiledStatement; via: "direct" | "account" }[] {
  const out: { statement: CompiledStatement; via: "direct" | "account" }[] = [];
  for (const s of policy.statements) {
    if (s.inert || !s.resourceMatches || !s.actions.has(action)) continue;
    const via = principalMatch(s, p);
    if (via) out.push({ statement: s, via });
  }
  return out;
}

function compare(clause: CompiledClause, value: string): boolean {
  const { op } = clause;
  switch (op.family) {
    case "String":
    case "Arn":
    case "Binary":
      return clause.patterns.some((p) => matchPattern(p, value));
    case "Numeric":
    case "Date": {
      const v = op.family === "Numeric" ? parseNumber(value) : parseDate(value);
      if (v === null) return false;
      return clause.numbers.some((n) => {
        switch (op.comparison) {
          case "eq":
            return v === n;
          case "lt":
            return v < n;
          case "lte":
            return v <= n;
          case "gt":
            return v > n;
          case "gte":
            return v >= n;
          default:
            return false;
        }
      });
    }
    case "Bool": {
      const b = parseBool(value);
      return b !== null && clause.bools.includes(b);
    }
    case "Ip": {
      const r = parseIpRange(value);
      if (!r || r.lo !== r.hi) return false;
      return clause.ranges.some((x) => x.v6 === r.v6 && x.lo <= r.lo && r.lo <= x.hi);
    }
    case "Null":
      return false;
  }
}

/**
 * One condition clause against the request's values for its key (null: the key is absent).
 * IAM: an absent key fails a positive operator and satisfies a negated one; `…IfExists` is true
 * when the key is absent; ForAllValues is true and ForAnyValue false for an absent key or an empty set.
 */
function clauseHolds(clause: CompiledClause, values: readonly string[] | null): boolean {
  const { op } = clause;
  if (op.family === "Null") {
    return clause.bools.some((want) =>
      want === true ? values === null : want === false && values !== null,
    );
  }
  if (values === null) {
    if (op.ifExists || op.set === "ForAllValues") return true;
    if (op.set === "ForAnyValue") return false;
    return op.negated;
  }
  const test = (v: string): boolean => (op.negated ? !compare(clause, v) : compare(clause, v));
  if (op.set === "ForAllValues") return values.every(test);
  if (op.set === "ForAnyValue") return values.some(test);
  const first = values[0];
  return first === undefined ? op.negated : test(first);
}

/** The request's values for a key, null when absent (fixed keys come from the principal and place). */
function contextValues(
  policy: CompiledPolicy,
  req: EvalRequest,
  key: string,
): readonly string[] | null {
  const a = availability(key, req.action, req.principal, policy.place);
  if (a.kind === "absent") return null;
  if (a.kind === "fixed") return [a.value];
  const v = req.context[key];
  if (v === undefined) return null;
  return typeof v === "string" ? [v] : v;
}

/** The request's values for a key (null: absent), as `contextValues` gives them. */
type ValuesOf = (key: string) => readonly string[] | null;

function conditionsHold(
  policy: CompiledPolicy,
  s: CompiledStatement,
  req: EvalRequest,
  valuesOf: ValuesOf = (key) => contextValues(policy, req, key),
): boolean {
  return s.clauses.every((c) => clauseHolds(c, valuesOf(c.key)));
}

function hitOf(s: CompiledStatement, via: "direct" | "account"): StatementHit {
  return { index: s.index, ...(s.sid !== undefined ? { sid: s.sid } : {}), effect: s.effect, via };
}

/** Explicit Deny > Allow > implicit deny, given the statements whose conditions hold. */
export function decide(
  policy: CompiledPolicy,
  principal: RequestPrincipal,
  callerIam: CallerIam,
  hits: readonly StatementHit[],
): Evaluation {
  const denies = hits.filter((h) => h.effect === "Deny");
  if (denies.length > 0) {
    return { decision: "explicit-deny", statements: denies, because: "an explicit Deny applies" };
  }
  const allows = hits.filter((h) => h.effect === "Allow");
  if (allows.length === 0) {
    return { decision: "implicit-deny", statements: [], because: "no statement allows it" };
  }
  const direct = allows.some((h) => h.via === "direct");
  // The root user is not governed by IAM policies: it has every permission its account grants.
  const iamAllows = callerIam === "grants-everything" || principal.kind === "root";
  const sameAccount = principal.kind !== "service" && principal.account === policy.place.account;
  if (principal.kind === "service" || sameAccount) {
    if (direct) {
      // The statements that name the caller decide; the account's statements add nothing here.
      const named = allows.filter((h) => h.via === "direct");
      return { decision: "allow", statements: named, because: "a statement names the caller" };
    }
    if (iamAllows) {
      return {
        decision: "allow",
        statements: allows,
        because: "the key policy names the account, whose IAM policies allow the caller",
      };
    }
    return {
      decision: "implicit-deny",
      statements: allows,
      because: "only the account is named, and the caller's IAM policies grant nothing",
    };
  }
  if (iamAllows) {
    return {
      decision: "allow",
      statements: allows,
      because: "the key policy allows the caller's account, and the caller's IAM policies allow it",
    };
  }
  return {
    decision: "implicit-deny",
    statements: allows,
    because: "a caller from another account also needs its own IAM policy, which grants nothing",
  };
}

export function hitsFor(
  policy: CompiledPolicy,
  applicable: readonly { statement: CompiledStatement; via: "direct" | "account" }[],
  req: EvalRequest,
  valuesOf?: ValuesOf,
): StatementHit[] {
  return applicable
    .filter(({ statement }) => conditionsHold(policy, statement, req, valuesOf))
    .map(({ statement, via }) => hitOf(statement, via));
}

/** KMS's decision for one request under one key policy. */
export function evaluateCompiled(policy: CompiledPolicy, req: EvalRequest): Evaluation {
  const applicable = applicableStatements(policy, req.principal, req.action);
  return decide(policy, req.principal, req.callerIam, hitsFor(policy, applicable, req));
}
