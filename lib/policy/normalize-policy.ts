import type { PolicyDocument, PolicyStatement } from "../domain/key-record";
import { canonicalAction } from "./kms-actions";
import { REGION_PLACEHOLDER, replaceRegion } from "../domain/region-text";

/** Where a policy lives: needed to read account-id principals and the key's own region. */
interface PolicyContext {
  region: string;
  partition: string;
}

interface CanonicalCondition {
  operator: string;
  /** Lower-cased: condition keys are case-insensitive. */
  key: string;
  values: string[];
}

/** One statement in a canonical form: sorted lists, `Type:value` principals, no Sid. */
export interface CanonicalStatement {
  effect: "Allow" | "Deny";
  principals: string[] | null;
  notPrincipals: string[] | null;
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  conditions: CanonicalCondition[];
}

export interface CanonicalPolicy {
  statements: CanonicalStatement[];
}

function toList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function sortedUnique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

function canonicalPrincipals(
  principal: PolicyStatement["Principal"],
  ctx: PolicyContext,
): string[] | null {
  if (principal === undefined) return null;
  if (principal === "*") return ["*"];
  const out: string[] = [];
  for (const [type, raw] of Object.entries(principal)) {
    for (const value of toList(raw)) {
      out.push(canonicalPrincipal(type, String(value), ctx));
    }
  }
  return sortedUnique(out);
}

function canonicalPrincipal(type: string, value: string, ctx: PolicyContext): string {
  if (type === "AWS") {
    if (value === "*") return "*";
    // A bare account id means that account's root, as IAM reads it.
    if (/^\d{12}$/.test(value)) return `AWS:arn:${ctx.partition}:iam::${value}:root`;
    return `AWS:${replaceRegion(value, ctx.region, REGION_PLACEHOLDER)}`;
  }
  if (type === "Service")
    return `Service:${replaceRegion(value.toLowerCase(), ctx.region, REGION_PLACEHOLDER)}`;
  return `${type}:${replaceRegion(value, ctx.region, REGION_PLACEHOLDER)}`;
}

function canonicalActions(actions: string | string[] | undefined): string[] | null {
  if (actions === undefined) return null;
  return sortedUnique(toList(actions).map(canonicalAction));
}

function canonicalResources(
  resources: string | string[] | undefined,
  ctx: PolicyContext,
): string[] | null {
  if (resources === undefined) return null;
  return sortedUnique(
    toList(resources).map((r) => replaceRegion(r, ctx.region, REGION_PLACEHOLDER)),
  );
}

function canonicalConditions(
  condition: PolicyStatement["Condition"],
  ctx: PolicyContext,
): CanonicalCondition[] {
  if (!condition) return [];
  const out: CanonicalCondition[] = [];
  for (const [operator, entries] of Object.entries(condition)) {
    const ignoreCase = /IgnoreCase/.test(operator);
    for (const [key, raw] of Object.entries(entries)) {
      const values = toList(raw as string | string[] | boolean | number).map((v) => {
        const s = replaceRegion(String(v), ctx.region, REGION_PLACEHOLDER);
        return ignoreCase ? s.toLowerCase() : s;
      });
      out.push({ operator, key: key.toLowerCase(), values: sortedUnique(values) });
    }
  }
  return out.sort((a, b) =>
    a.operator + "\u0000" + a.key < b.operator + "\u0000" + b.key ? -1 : 1,
  );
}

// A statement is normalised for its policy's text and for the comparison's statement identity,
// and the same statements recur across a whole estate (the default key policy's, say): normalise
// each text once per place.
const statementMemo = new Map<string, CanonicalStatement>();
const STATEMENT_MEMO_LIMIT = 20_000;

export function canonicalStatement(stmt: PolicyStatement, ctx: PolicyContext): CanonicalStatement {
  const k = `${ctx.partition}|${ctx.region}|${JSON.stringify(stmt)}`;
  let hit = statementMemo.get(k);
  if (!hit) {
    if (statementMemo.size >= STATEMENT_MEMO_LIMIT) statementMemo.clear();
    statementMemo.set(k, (hit = computeCanonicalStatement(stmt, ctx)));
  }
  return hit;
}

function computeCanonicalStatement(stmt: PolicyStatement, ctx: PolicyContext): CanonicalStatement {
  return {
    effect: stmt.Effect,
    principals: canonicalPrincipals(stmt.Principal, ctx),
    notPrincipals: canonicalPrincipals(stmt.NotPrincipal, ctx),
    actions: canonicalActions(stmt.Action),
    notActions: canonicalActions(stmt.NotAction),
    resources: canonicalResources(stmt.Resource, ctx),
    notResources: canonicalResources(stmt.NotResource, ctx),
    conditions: canonicalConditions(stmt.Condition, ctx),
  };
}

const keyMemo = new WeakMap<CanonicalStatement, string>();

/** A stable string for one canonical statement (equal meaning-as-written ⇔ equal key). */
export function statementKey(stmt: CanonicalStatement): string {
  let hit = keyMemo.get(stmt);
  if (hit === undefined) keyMemo.set(stmt, (hit = JSON.stringify(stmt)));
  return hit;
}

/**
 * A key policy in canonical form: statement and list order, scalar-vs-array, action case, account-id
 * principals, Sids and the key's own region (written as `${region}`) no longer matter.
 */
export function normalizePolicy(doc: PolicyDocument, ctx: PolicyContext): CanonicalPolicy {
  return normalizePolicyWithKeys(doc, ctx).canonical;
}

/** `normalizePolicy` plus each statement's `statementKey`, computed once. */
export function normalizePolicyWithKeys(
  doc: PolicyDocument,
  ctx: PolicyContext,
): { canonical: CanonicalPolicy; keys: string[] } {
  const byKey = new Map<string, CanonicalStatement>();
  for (const stmt of toList(doc.Statement)) {
    const canonical = canonicalStatement(stmt, ctx);
    byKey.set(statementKey(canonical), canonical);
  }
  const keys = [...byKey.keys()].sort();
  const statements = keys
    .map((k) => byKey.get(k))
    .filter((s): s is CanonicalStatement => s !== undefined);
  return { canonical: { statements }, keys };
}

function principalBlock(values: string[]): PolicyStatement["Principal"] {
  if (values.length === 1 && values[0] === "*") return "*";
  const block: Record<string, string[]> = {};
  for (const v of values) {
    const type = v === "*" ? "AWS" : v.slice(0, v.indexOf(":"));
    const rest = v === "*" ? "*" : v.slice(v.indexOf(":") + 1);
    (block[type] ??= []).push(rest);
  }
  return block;
}

/** A canonical statement written back as a policy statement (for display and round trips). */
export function toPolicyStatement(stmt: CanonicalStatement): PolicyStatement {
  const out: PolicyStatement = { Effect: stmt.effect };
  if (stmt.principals) out.Principal = principalBlock(stmt.principals);
  if (stmt.notPrincipals) out.NotPrincipal = principalBlock(stmt.notPrincipals);
  if (stmt.actions) out.Action = stmt.actions;
  if (stmt.notActions) out.NotAction = stmt.notActions;
  if (stmt.resources) out.Resource = stmt.resources;
  if (stmt.notResources) out.NotResource = stmt.notResources;
  if (stmt.conditions.length > 0) {
    const cond: Record<string, Record<string, string[]>> = {};
    for (const c of stmt.conditions) (cond[c.operator] ??= {})[c.key] = c.values;
    out.Condition = cond;
  }
  return out;
}

export function toPolicyDocument(policy: CanonicalPolicy): PolicyDocument {
  return { Version: "2012-10-17", Statement: policy.statements.map(toPolicyStatement) };
}
