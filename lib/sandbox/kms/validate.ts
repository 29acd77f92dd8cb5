import { z } from "zod";
import { SandboxError } from "../types";

/**
 * Parses an operation's input with zod and turns failures into the errors AWS's JSON front end
 * gives: constraint violations ⇒ `ValidationException` with Coral's wording
 * (docs/aws-facts.md#errors, `1 validation error detected: Value '…' at 'tags.1.member.tagValue'
 * failed to satisfy constraint: …`); a member of the wrong JSON type ⇒ `SerializationException`.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues;
  const wrongType = issues.find(
    (issue) => issue.code === "invalid_type" && valueAt(input, issue.path) !== undefined,
  );
  if (wrongType) throw serializationError(wrongType, valueAt(input, wrongType.path));
  const messages = issues.map((issue) => describeIssue(issue, input));
  const count = messages.length;
  throw new SandboxError(
    "ValidationException",
    `${count} validation error${count === 1 ? "" : "s"} detected: ${messages.join("; ")}`,
  );
}

/** A regex whose failure message carries the pattern as AWS prints it. */
export function awsPattern(regex: RegExp, awsText: string): [RegExp, { message: string }] {
  return [regex, { message: `pattern:${awsText}` }];
}

function serializationError(issue: z.core.$ZodIssue, value: unknown): SandboxError {
  if (
    issue.code === "invalid_type" &&
    (issue.expected === "number" || issue.expected === "int") &&
    typeof value === "string"
  ) {
    return new SandboxError(
      "SerializationException",
      "STRING_VALUE can not be converted to an Integer",
    );
  }
  if (typeof value === "object" && value !== null) {
    return new SandboxError(
      "SerializationException",
      "Start of structure or map found where not expected.",
    );
  }
  return new SandboxError(
    "SerializationException",
    `Unexpected value type for member '${formatPath(issue.path)}'.`,
  );
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  const prefix = `Value ${formatValue(value)} at '${formatPath(issue.path)}' failed to satisfy constraint: `;
  return prefix + describeConstraint(issue);
}

function describeConstraint(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "too_big":
      return issue.origin === "number"
        ? `Member must have value less than or equal to ${String(issue.maximum)}`
        : `Member must have length less than or equal to ${String(issue.maximum)}`;
    case "too_small":
      return issue.origin === "number"
        ? `Member must have value greater than or equal to ${String(issue.minimum)}`
        : `Member must have length greater than or equal to ${String(issue.minimum)}`;
    case "invalid_value":
      return `Member must satisfy enum value set: [${issue.values.map(String).join(", ")}]`;
    case "invalid_format":
      return issue.message.startsWith("pattern:")
        ? `Member must satisfy regular expression pattern: ${issue.message.slice("pattern:".length)}`
        : issue.message;
    case "invalid_type":
      return "Member must not be null";
    default:
      return issue.message;
  }
}

/** `Tags[0].TagValue` ⇒ `tags.1.member.tagValue` (Coral's camelCase, 1-based list members). */
function formatPath(path: PropertyKey[]): string {
  return path
    .map((part) => (typeof part === "number" ? `${part + 1}.member` : lowerFirst(String(part))))
    .join(".");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value))
    return `'[${value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ")}]'`;
  if (typeof value === "object") return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = Reflect.get(current, part);
  }
  return current;
}
