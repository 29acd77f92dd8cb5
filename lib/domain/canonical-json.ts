/**
 * Deterministic JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped
 * (as JSON.stringify does). Digests and signatures are computed over this text, so it must never
 * depend on insertion order.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value);
  return text ?? "null";
}

function serialise(value: unknown): string | undefined {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? JSON.stringify(value) : "null";
    case "bigint":
      return JSON.stringify(value.toString());
    case "undefined":
    case "function":
    case "symbol":
      return undefined;
    default:
      break;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => serialise(item) ?? "null").join(",")}]`;
  }
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return serialise(withJson.toJSON());
  const entries = Object.keys(value as object)
    .sort()
    .flatMap((key) => {
      const member = serialise((value as Record<string, unknown>)[key]);
      return member === undefined ? [] : [`${JSON.stringify(key)}:${member}`];
    });
  return `{${entries.join(",")}}`;
}
