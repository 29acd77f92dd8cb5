const BASE_OPERATORS = new Set([
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
]);

/**
 * Whether a condition operator is one IAM documents (optionally with a `ForAnyValue:`/`ForAllValues:`
 * set prefix and an `IfExists` suffix; `Null` takes no suffix). Anything else: we cannot say what it means.
 */
export function isKnownConditionOperator(operator: string): boolean {
  const unprefixed = operator.replace(/^(ForAnyValue|ForAllValues):/, "");
  if (unprefixed === "Null") return true;
  const base = unprefixed.endsWith("IfExists")
    ? unprefixed.slice(0, -"IfExists".length)
    : unprefixed;
  return BASE_OPERATORS.has(base);
}
