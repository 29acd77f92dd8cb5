/** Stands for "the key's own region" in normalised policies and in baseline templates. */
export const REGION_PLACEHOLDER = "${region}";

/** The partition of an ARN (`aws`, `aws-cn`, `aws-us-gov`, …); `aws` when it is not an ARN. */
export function partitionOfArn(arn: string): string {
  const parts = arn.split(":");
  return parts[0] === "arn" && parts[1] ? parts[1] : "aws";
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const patternCache = new Map<string, { arn: RegExp; host: RegExp }>();

function patternsFor(region: string): { arn: RegExp; host: RegExp } {
  const hit = patternCache.get(region);
  if (hit) return hit;
  const r = escapeRegExp(region);
  const made = {
    // The region field of any ARN, in every partition: arn:<partition>:<service>:<region>:
    arn: new RegExp(`(arn:[a-z0-9-]+:[^:]*:)${r}(?=:)`, "g"),
    // Regional service principals and endpoints: logs.eu-west-1.amazonaws.com, s3.cn-north-1.amazonaws.com.cn
    host: new RegExp(`(^|[./])${r}(?=\\.amazonaws\\.com(?:\\.cn)?(?![A-Za-z0-9-]))`, "g"),
  };
  patternCache.set(region, made);
  return made;
}

/**
 * Rewrite `from` to `to` wherever it stands as a region in `value`: the whole value, an ARN's region
 * field, or the region label of a regional service principal / endpoint. Elsewhere (inside a role name,
 * say) the text is left alone.
 */
export function replaceRegion(value: string, from: string, to: string): string {
  if (value === from) return to;
  if (!value.includes(from)) return value;
  const { arn, host } = patternsFor(from);
  return value
    .replace(arn, (_m, head: string) => head + to)
    .replace(host, (_m, head: string) => head + to);
}

/** `replaceRegion` applied to every string inside a JSON value (keys of objects too). */
export function replaceRegionDeep<T>(value: T, from: string, to: string): T {
  return mapStrings(value, (s) => replaceRegion(s, from, to)) as T;
}

export function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fn(k), mapStrings(v, fn)]));
  }
  return value;
}
