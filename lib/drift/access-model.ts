import { isKnownConditionOperator } from "./condition-operators";
import { expandAction } from "../policy/kms-actions";
import type { CanonicalCondition, CanonicalPolicy, CanonicalStatement } from "./normalize-policy";

/** What an access entry holds under: the statement's conditions and any resource other than `*`. */
export interface Qualifier {
  conditions: CanonicalCondition[];
  resources?: string[];
  notResources?: string[];
}

export interface ActionAccess {
  allow: Map<string, Qualifier>;
  deny: Map<string, Qualifier>;
}

/** principal → KMS action → the qualifiers under which it is allowed / denied. */
export interface AccessModel {
  access: Map<string, Map<string, ActionAccess>>;
  /** Statements whose meaning we cannot decide (NotPrincipal, NotAction, unknown operators, no principal). */
  undecidable: { statement: CanonicalStatement; reasons: string[] }[];
}

export const UNCONDITIONAL = qualifierKey({ conditions: [] });

export function qualifierKey(q: Qualifier): string {
  return JSON.stringify(q);
}

function qualifierOf(stmt: CanonicalStatement): Qualifier {
  const q: Qualifier = { conditions: stmt.conditions };
  const resources = stmt.resources;
  if (resources && !(resources.length === 1 && resources[0] === "*")) q.resources = resources;
  if (stmt.notResources) q.notResources = stmt.notResources;
  return q;
}

export function undecidableReasons(stmt: CanonicalStatement): string[] {
  const reasons: string[] = [];
  if (stmt.notPrincipals) reasons.push("NotPrincipal");
  if (stmt.notActions) reasons.push("NotAction");
  if (!stmt.principals && !stmt.notPrincipals) reasons.push("no Principal");
  for (const c of stmt.conditions) {
    if (!isKnownConditionOperator(c.operator)) reasons.push(`condition operator ${c.operator}`);
  }
  return reasons;
}

/** Expand a canonical policy into who may (or may not) do which KMS action, under what. */
export function buildAccessModel(policy: CanonicalPolicy): AccessModel {
  const access = new Map<string, Map<string, ActionAccess>>();
  const undecidable: AccessModel["undecidable"] = [];
  for (const stmt of policy.statements) {
    const reasons = undecidableReasons(stmt);
    if (reasons.length > 0) {
      undecidable.push({ statement: stmt, reasons });
      continue;
    }
    const actions = new Set((stmt.actions ?? []).flatMap((a) => expandAction(a)));
    if (actions.size === 0) continue;
    const qualifier = qualifierOf(stmt);
    const key = qualifierKey(qualifier);
    for (const principal of stmt.principals ?? []) {
      let byAction = access.get(principal);
      if (!byAction) access.set(principal, (byAction = new Map()));
      for (const action of actions) {
        let entry = byAction.get(action);
        if (!entry) byAction.set(action, (entry = { allow: new Map(), deny: new Map() }));
        (stmt.effect === "Allow" ? entry.allow : entry.deny).set(key, qualifier);
      }
    }
  }
  return { access, undecidable };
}

/** Whether `principal` may call `action` under at least one qualifier and no unconditional Deny blocks it. */
export function canUse(model: AccessModel, principal: string, action: string): boolean {
  const own = model.access.get(principal)?.get(action);
  const everyone = model.access.get("*")?.get(action);
  const allowed = (own?.allow.size ?? 0) > 0 || (everyone?.allow.size ?? 0) > 0;
  const denied =
    own?.deny.has(UNCONDITIONAL) === true || everyone?.deny.has(UNCONDITIONAL) === true;
  return allowed && !denied;
}
