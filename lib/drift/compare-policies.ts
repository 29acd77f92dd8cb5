import type { PolicyDocument, PolicyStatement } from "../domain/key-record";
import { type AccessDeltaEntry, diffAccess } from "./access-delta";
import { type PolicyContext, statementKey, toPolicyStatement } from "./normalize-policy";
import { analysePolicy, sameStatements } from "./policy-analysis";
import { diffStatements, isEmptyStatementDiff, type StatementDiff } from "./statement-diff";

export interface UndecidableStatement {
  side: "reference" | "actual" | "both";
  statement: PolicyStatement;
  reasons: string[];
}

/**
 * `equal`: same meaning. `different`: statement diff and access delta say how. `undecidable`: some
 * statement (NotPrincipal, NotAction, unknown condition operator) has a meaning we cannot reason about,
 * so we never call the policies equal, even when they read the same after normalisation.
 */
export interface PolicyComparison {
  status: "equal" | "different" | "undecidable";
  statements: StatementDiff;
  access: AccessDeltaEntry[];
  undecidable: UndecidableStatement[];
  identicalAfterNormalisation: boolean;
}

export function comparePolicies(
  reference: PolicyDocument,
  referenceCtx: PolicyContext,
  actual: PolicyDocument,
  actualCtx: PolicyContext,
): PolicyComparison {
  const ref = analysePolicy(reference, referenceCtx);
  const act = analysePolicy(actual, actualCtx);
  if (!ref.undecidable && !act.undecidable && sameStatements(ref, act)) {
    return {
      status: "equal",
      statements: { added: [], removed: [], changed: [] },
      access: [],
      undecidable: [],
      identicalAfterNormalisation: true,
    };
  }
  const refModel = ref.model;
  const actModel = act.model;
  const statements = diffStatements(ref.canonical, act.canonical);
  const access = diffAccess(refModel, actModel);
  const undecidable = new Map<string, UndecidableStatement>();
  for (const [side, model] of [
    ["reference", refModel],
    ["actual", actModel],
  ] as const) {
    for (const u of model.undecidable) {
      const key = statementKey(u.statement);
      const seen = undecidable.get(key);
      if (seen) seen.side = "both";
      else
        undecidable.set(key, {
          side,
          statement: toPolicyStatement(u.statement),
          reasons: u.reasons,
        });
    }
  }
  const identical = isEmptyStatementDiff(statements);
  const status = undecidable.size > 0 ? "undecidable" : identical ? "equal" : "different";
  return {
    status,
    statements,
    access,
    undecidable: [...undecidable.values()],
    identicalAfterNormalisation: identical,
  };
}
