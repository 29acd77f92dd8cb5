import type { PolicyStatement } from "../state/model";
import {
  readStatementList,
  statementSchema,
  toStrings,
  type StatementInput,
} from "./policy-schema";

/**
 * Parses a key policy into the statements the sandbox evaluates. Statements with a `Condition`
 * (or NotPrincipal/NotAction/NotResource) are skipped: the sandbox has no request context to
 * evaluate them against, so it neither grants nor denies through them.
 */
export function parsePolicyStatements(policy: string): PolicyStatement[] {
  // Most keys carry an identical (default) policy: parse each text once. Statements are immutable.
  let statements = cache.get(policy);
  if (!statements) {
    statements = parseUncached(policy);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(policy, statements);
  }
  return statements;
}

const MAX_CACHED = 1000;
const cache = new Map<string, PolicyStatement[]>();

function parseUncached(policy: string): PolicyStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(policy);
  } catch {
    return [];
  }
  const statements: PolicyStatement[] = [];
  for (const item of readStatementList(doc) ?? []) {
    const parsed = statementSchema.safeParse(item);
    const statement = parsed.success ? toStatement(parsed.data) : undefined;
    if (statement) statements.push(statement);
  }
  return statements;
}

function toStatement(s: StatementInput): PolicyStatement | undefined {
  const negated =
    s.NotPrincipal !== undefined || s.NotAction !== undefined || s.NotResource !== undefined;
  if (s.Condition !== undefined || negated) return undefined;
  if (s.Effect !== "Allow" && s.Effect !== "Deny") return undefined;
  return {
    effect: s.Effect,
    principals: s.Principal === "*" ? ["*"] : toStrings(s.Principal?.AWS),
    actions: toStrings(s.Action).map(toWildcardRegex),
    resources: (s.Resource === undefined ? ["*"] : toStrings(s.Resource)).map(toWildcardRegex),
  };
}

/** IAM wildcards: `*` any run, `?` one character; action names compare case-insensitively. */
const regexCache = new Map<string, RegExp>();

function toWildcardRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    regex = compileWildcard(pattern);
    if (regexCache.size > 10_000) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  return regex;
}

function compileWildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "i");
}
