/**
 * IAM condition operators as data. Source:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * and, for ForAnyValue / ForAllValues,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 */
type OperatorFamily = "String" | "Arn" | "Numeric" | "Date" | "Bool" | "Ip" | "Binary" | "Null";

/** How a request value is compared with one policy value. */
type Comparison = "eq" | "like" | "lt" | "lte" | "gt" | "gte" | "in" | "null";

export interface ConditionOperator {
  /** As written in the policy. */
  name: string;
  family: OperatorFamily;
  comparison: Comparison;
  /** `…Not…` operators: true when no policy value matches (and when the key is absent). */
  negated: boolean;
  ignoreCase: boolean;
  ifExists: boolean;
  set: "ForAnyValue" | "ForAllValues" | null;
}

type Base = Omit<ConditionOperator, "name" | "ifExists" | "set">;

const BASE: Record<string, Base> = {
  StringEquals: { family: "String", comparison: "eq", negated: false, ignoreCase: false },
  StringNotEquals: { family: "String", comparison: "eq", negated: true, ignoreCase: false },
  StringEqualsIgnoreCase: { family: "String", comparison: "eq", negated: false, ignoreCase: true },
  StringNotEqualsIgnoreCase: {
    family: "String",
    comparison: "eq",
    negated: true,
    ignoreCase: true,
  },
  StringLike: { family: "String", comparison: "like", negated: false, ignoreCase: false },
  StringNotLike: { family: "String", comparison: "like", negated: true, ignoreCase: false },
  ArnEquals: { family: "Arn", comparison: "like", negated: false, ignoreCase: false },
  ArnLike: { family: "Arn", comparison: "like", negated: false, ignoreCase: false },
  ArnNotEquals: { family: "Arn", comparison: "like", negated: true, ignoreCase: false },
  ArnNotLike: { family: "Arn", comparison: "like", negated: true, ignoreCase: false },
  NumericEquals: { family: "Numeric", comparison: "eq", negated: false, ignoreCase: false },
  NumericNotEquals: { family: "Numeric", comparison: "eq", negated: true, ignoreCase: false },
  NumericLessThan: { family: "Numeric", comparison: "lt", negated: false, ignoreCase: false },
  NumericLessThanEquals: {
    family: "Numeric",
    comparison: "lte",
    negated: false,
    ignoreCase: false,
  },
  NumericGreaterThan: { family: "Numeric", comparison: "gt", negated: false, ignoreCase: false },
  NumericGreaterThanEquals: {
    family: "Numeric",
    comparison: "gte",
    negated: false,
    ignoreCase: false,
  },
  DateEquals: { family: "Date", comparison: "eq", negated: false, ignoreCase: false },
  DateNotEquals: { family: "Date", comparison: "eq", negated: true, ignoreCase: false },
  DateLessThan: { family: "Date", comparison: "lt", negated: false, ignoreCase: false },
  DateLessThanEquals: { family: "Date", comparison: "lte", negated: false, ignoreCase: false },
  DateGreaterThan: { family: "Date", comparison: "gt", negated: false, ignoreCase: false },
  DateGreaterThanEquals: { family: "Date", comparison: "gte", negated: false, ignoreCase: false },
  Bool: { family: "Bool", comparison: "eq", negated: false, ignoreCase: false },
  BinaryEquals: { family: "Binary", comparison: "eq", negated: false, ignoreCase: false },
  IpAddress: { family: "Ip", comparison: "in", negated: false, ignoreCase: false },
  NotIpAddress: { family: "Ip", comparison: "in", negated: true, ignoreCase: false },
};

/** The operator a policy names, or null when IAM documents no such operator. */
export function parseOperator(name: string): ConditionOperator | null {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(.+)$/.exec(name);
  if (!m) return null;
  const set = (m[1] as ConditionOperator["set"] | undefined) ?? null;
  const rest = m[2] as string;
  if (rest === "Null") {
    if (set) return null;
    return {
      name,
      family: "Null",
      comparison: "null",
      negated: false,
      ignoreCase: false,
      ifExists: false,
      set: null,
    };
  }
  const ifExists = rest.endsWith("IfExists");
  const base = BASE[ifExists ? rest.slice(0, -"IfExists".length) : rest];
  if (!base) return null;
  return { name, ...base, ifExists, set };
}
