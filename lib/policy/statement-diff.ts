import type { StatementDiff } from "../domain/policy-evidence";
import {
  type CanonicalPolicy,
  type CanonicalStatement,
  statementKey,
  toPolicyStatement,
} from "./normalize-policy";

function samePrincipals(a: CanonicalStatement, b: CanonicalStatement): boolean {
  return (
    a.effect === b.effect &&
    JSON.stringify([a.principals, a.notPrincipals]) ===
      JSON.stringify([b.principals, b.notPrincipals])
  );
}

/** Statement-level diff of two canonical policies (statements are compared whole, by canonical form). */
export function diffStatements(reference: CanonicalPolicy, actual: CanonicalPolicy): StatementDiff {
  const refKeys = new Set(reference.statements.map(statementKey));
  const actKeys = new Set(actual.statements.map(statementKey));
  const removed = reference.statements.filter((s) => !actKeys.has(statementKey(s)));
  const added = actual.statements.filter((s) => !refKeys.has(statementKey(s)));
  const changed: StatementDiff["changed"] = [];
  const unpairedAdded = [...added];
  const unpairedRemoved: CanonicalStatement[] = [];
  for (const r of removed) {
    const i = unpairedAdded.findIndex((a) => samePrincipals(r, a));
    const match = i >= 0 ? unpairedAdded.splice(i, 1)[0] : undefined;
    if (match) changed.push({ reference: toPolicyStatement(r), actual: toPolicyStatement(match) });
    else unpairedRemoved.push(r);
  }
  return {
    added: unpairedAdded.map(toPolicyStatement),
    removed: unpairedRemoved.map(toPolicyStatement),
    changed,
  };
}

export function isEmptyStatementDiff(diff: StatementDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}
