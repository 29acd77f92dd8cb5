import type { PolicyDocument } from "../domain/key-record";
import { type AccessModel, buildAccessModel, undecidableReasons } from "./access-model";
import {
  type CanonicalPolicy,
  normalizePolicyWithKeys,
  type PolicyContext,
} from "./normalize-policy";

export interface PolicyAnalysis {
  canonical: CanonicalPolicy;
  /** Canonical statement keys: equal sets ⇔ equal policies as written (after normalisation). */
  keys: ReadonlySet<string>;
  /** Whether some statement's meaning cannot be decided. */
  undecidable: boolean;
  /** Built on first use: most policies in a family are in sync and never need it. */
  readonly model: AccessModel;
}

// A reference policy is compared with every replica: analyse each document once per context.
const cache = new WeakMap<PolicyDocument, Map<string, PolicyAnalysis>>();

/** Canonical form and access model of a policy (memoised per document object; the result is immutable). */
export function analysePolicy(doc: PolicyDocument, ctx: PolicyContext): PolicyAnalysis {
  const key = `${ctx.partition}:${ctx.region}`;
  let byCtx = cache.get(doc);
  if (!byCtx) cache.set(doc, (byCtx = new Map()));
  const hit = byCtx.get(key);
  if (hit) return hit;
  const { canonical, keys } = normalizePolicyWithKeys(doc, ctx);
  let model: AccessModel | undefined;
  const made: PolicyAnalysis = {
    canonical,
    keys: new Set(keys),
    undecidable: canonical.statements.some((s) => undecidableReasons(s).length > 0),
    get model() {
      return (model ??= buildAccessModel(canonical));
    },
  };
  byCtx.set(key, made);
  return made;
}

export function sameStatements(a: PolicyAnalysis, b: PolicyAnalysis): boolean {
  if (a.keys.size !== b.keys.size) return false;
  for (const k of a.keys) if (!b.keys.has(k)) return false;
  return true;
}
