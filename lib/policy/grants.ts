import type { Grant } from "../domain/key-record";
import { canonicalJson } from "../domain/canonical-json";
import type { GrantDeltaEntry } from "../domain/policy-evidence";
import { concretize, symbolize } from "./symbols";

/**
 * Grants compared by what they allow. A grant lets its grantee call each of its operations on the
 * key, under its constraint on the request's encryption context (none: any; EncryptionContextSubset:
 * the request's context includes these pairs; EncryptionContextEquals: it is exactly this map), and
 * lets its retiring principal retire it. Grant ids, names and issuing details do not matter.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html
 */
type Constraint =
  | { kind: "any" }
  | { kind: "subset"; pairs: Record<string, string> }
  | { kind: "equals"; pairs: Record<string, string> };

interface Permission {
  /** Symbolic: the own region of a regional service principal is OWN_REGION. */
  principal: string;
  operation: string;
  constraint: Constraint;
  grant: Grant;
}

function constraintOf(g: Grant): Constraint {
  if (g.constraints?.encryptionContextEquals) {
    return { kind: "equals", pairs: g.constraints.encryptionContextEquals };
  }
  if (g.constraints?.encryptionContextSubset) {
    return { kind: "subset", pairs: g.constraints.encryptionContextSubset };
  }
  return { kind: "any" };
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * ListGrants' order is not part of what grants allow: permissions are taken in one canonical order,
 * so the witness chosen for a (principal, operation) pair and the order of every list in the result
 * (and with them finding ids and the compared `actual`) never depend on it.
 */
function comparePermissions(a: Permission, b: Permission): number {
  return (
    byText(a.principal, b.principal) ||
    byText(a.operation, b.operation) ||
    byText(canonicalJson(a.constraint), canonicalJson(b.constraint)) ||
    byText(a.grant.grantId, b.grant.grantId)
  );
}

const byGrantId = (a: Grant, b: Grant): number => byText(a.grantId, b.grantId);

function permissionsOf(grants: readonly Grant[], region: string): Permission[] {
  return permissionsIn(grants, region).sort(comparePermissions);
}

function permissionsIn(grants: readonly Grant[], region: string): Permission[] {
  return grants.flatMap((grant) => {
    const constraint = constraintOf(grant);
    const own = [...new Set(grant.operations)].map((operation) => ({
      principal: symbolize(grant.granteePrincipal, region),
      operation,
      constraint,
      grant,
    }));
    const retire: Permission[] = grant.retiringPrincipal
      ? [
          {
            principal: symbolize(grant.retiringPrincipal, region),
            operation: "RetireGrant",
            constraint: { kind: "any" },
            grant,
          },
        ]
      : [];
    return [...own, ...retire];
  });
}

const includes = (ctx: Record<string, string>, pairs: Record<string, string>): boolean =>
  Object.entries(pairs).every(([k, v]) => ctx[k] === v);
const sameMap = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length && includes(a, b);

/** Whether a request with this encryption context (null: none) meets the constraint. */
function allows(c: Constraint, ctx: Record<string, string>): boolean {
  if (c.kind === "any") return true;
  if (c.kind === "subset") return includes(ctx, c.pairs);
  return sameMap(ctx, c.pairs);
}

/**
 * Contexts that stand for every request a constraint admits, as far as any set of constraints can
 * tell: its own pairs, and its pairs plus a key no constraint names. A constraint is covered by a
 * set exactly when every one of these is admitted by some member of the set.
 */
function witnessesOf(c: Constraint): Record<string, string>[] {
  const fresh = { "kms-drift-witness": "x" };
  if (c.kind === "equals") return [c.pairs];
  if (c.kind === "subset") return [c.pairs, { ...c.pairs, ...fresh }];
  return [{}, fresh];
}

export interface GrantComparison {
  verdict: "equal" | "wider" | "narrower" | "incomparable";
  delta: GrantDeltaEntry[];
  /** Actual grants that allow something the reference's do not (candidates to revoke). */
  widening: Grant[];
  /** Reference grants whose access the actual grants lack (candidates to create). */
  missing: Grant[];
}

function uncovered(
  from: Permission[],
  by: Permission[],
  change: GrantDeltaEntry["change"],
  region: string,
): { entries: GrantDeltaEntry[]; grants: Set<Grant> } {
  const entries = new Map<string, GrantDeltaEntry>();
  const grants = new Set<Grant>();
  for (const p of from) {
    const peers = by.filter((q) => q.principal === p.principal && q.operation === p.operation);
    const witness = witnessesOf(p.constraint).find(
      (ctx) => !peers.some((q) => allows(q.constraint, ctx)),
    );
    if (!witness) continue;
    grants.add(p.grant);
    const key = `${p.principal}|${p.operation}`;
    const seen = entries.get(key);
    if (seen) seen.grantIds.push(p.grant.grantId);
    else
      entries.set(key, {
        change,
        principal: concretize(p.principal, region),
        operation: p.operation,
        witness: { encryptionContext: witness },
        grantIds: [p.grant.grantId],
      });
  }
  for (const entry of entries.values()) entry.grantIds.sort(byText);
  return { entries: [...entries.values()], grants };
}

/** The reference's grants (in its region) against the actual key's grants (in its own). */
export function compareGrants(
  reference: { grants: readonly Grant[]; region: string },
  actual: { grants: readonly Grant[]; region: string },
): GrantComparison {
  const ref = permissionsOf(reference.grants, reference.region);
  const act = permissionsOf(actual.grants, actual.region);
  const gained = uncovered(act, ref, "gained", actual.region);
  const lost = uncovered(ref, act, "lost", actual.region);
  const verdict =
    gained.entries.length > 0 && lost.entries.length > 0
      ? "incomparable"
      : gained.entries.length > 0
        ? "wider"
        : lost.entries.length > 0
          ? "narrower"
          : "equal";
  return {
    verdict,
    delta: [...gained.entries, ...lost.entries],
    widening: actual.grants.filter((g) => gained.grants.has(g)).sort(byGrantId),
    missing: reference.grants.filter((g) => lost.grants.has(g)).sort(byGrantId),
  };
}
