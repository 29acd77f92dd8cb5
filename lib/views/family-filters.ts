import { z } from "zod";
import { FAMILY_KINDS } from "../domain/family";
import { FINDING_PROPERTIES, SEVERITIES } from "../domain/finding";

/** Families per page of GET /api/families unless `limit` says otherwise, and the grid's page. */
export const FAMILY_PAGE_SIZE = 100;

export const SORT_KEYS = ["severity", "name", "findings", "account"] as const;

/** `a,b,c` (or repeated keys already joined) → its de-duplicated, trimmed, non-empty items. */
const commaList = z
  .string()
  .optional()
  .transform((s) =>
    s
      ? [
          ...new Set(
            s
              .split(",")
              .map((v) => v.trim())
              .filter(Boolean),
          ),
        ]
      : [],
  );

/** A comma list of allowed values. */
function listOf<T extends string>(values: readonly [T, ...T[]]) {
  return commaList.pipe(z.array(z.enum(values)));
}

const freeList = commaList.pipe(z.array(z.string().max(200)).max(50));

/** A comma list of region names (`eu-west-1,us-east-1`). */
export const regionList = freeList.pipe(
  z.array(z.string().regex(/^[a-z0-9-]+$/, "expected region names like eu-west-1")),
);

/** A comma list of 12-digit account ids. */
export const accountList = freeList.pipe(
  z.array(z.string().regex(/^\d{12}$/, "expected 12-digit account ids")),
);

/** The families view's URL state: one parser for the page, the client and the API. */
export const familyFiltersSchema = z.object({
  severity: listOf(SEVERITIES),
  property: listOf(FINDING_PROPERTIES),
  region: regionList,
  account: accountList,
  kind: listOf(FAMILY_KINDS),
  tag: freeList,
  /** OU paths (`Root/Workloads`); an OU keeps the accounts of the OUs below it. */
  ou: freeList.pipe(
    z.array(
      z
        .string()
        .regex(
          /^[^/\u0000-\u001f]+(\/[^/\u0000-\u001f]+)*$/,
          "expected OU paths like Root/Workloads",
        ),
    ),
  ),
  /** The account's tags in the Organization. */
  accountTag: freeList.pipe(
    z.array(z.string().regex(/^[^=]+=/, "expected account tags as Key=Value")),
  ),
  waived: z.enum(["any", "yes", "no"]).default("any"),
  q: z.string().max(200).default(""),
  sort: z.enum(SORT_KEYS).default("severity"),
  dir: z.enum(["asc", "desc"]).default("asc"),
});

export type FamilyFilters = z.infer<typeof familyFiltersSchema>;
export type ListFilterKey =
  "severity" | "property" | "region" | "account" | "ou" | "accountTag" | "kind" | "tag";
export const LIST_FILTER_KEYS: ListFilterKey[] = [
  "severity",
  "property",
  "region",
  "account",
  "ou",
  "accountTag",
  "kind",
  "tag",
];

export const DEFAULT_FILTERS: FamilyFilters = familyFiltersSchema.parse({});

export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** A URL's query as one string per name, repeated names joined with commas. */
export function toRecord(input: QueryInput): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: [string, string][] =
    input instanceof URLSearchParams
      ? [...input.entries()]
      : Object.entries(input).flatMap(([k, v]) =>
          v === undefined
            ? []
            : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]),
        );
  for (const [key, value] of entries) out[key] = out[key] ? `${out[key]},${value}` : value;
  return out;
}

/** Strict: throws a ZodError naming the bad parameter (the API answers 400 with it). */
export function parseFamilyFilters(input: QueryInput): FamilyFilters {
  return familyFiltersSchema.parse(toRecord(input));
}

/** Lenient, for pages: a bad URL falls back to the defaults and says which parameter was wrong. */
export function safeParseFamilyFilters(input: QueryInput): {
  filters: FamilyFilters;
  problem: string | null;
} {
  const parsed = familyFiltersSchema.safeParse(toRecord(input));
  if (parsed.success) return { filters: parsed.data, problem: null };
  const issue = parsed.error.issues[0];
  return {
    filters: DEFAULT_FILTERS,
    problem: `ignored the filters: "${String(issue?.path[0] ?? "query")}" ${issue?.message ?? "is invalid"}`,
  };
}

/** The shortest query string for `filters` (defaults left out). */
export function filtersToQuery(filters: FamilyFilters): string {
  const params = new URLSearchParams();
  for (const key of LIST_FILTER_KEYS)
    if (filters[key].length > 0) params.set(key, filters[key].join(","));
  if (filters.waived !== "any") params.set("waived", filters.waived);
  if (filters.q) params.set("q", filters.q);
  if (filters.sort !== DEFAULT_FILTERS.sort) params.set("sort", filters.sort);
  if (filters.dir !== DEFAULT_FILTERS.dir) params.set("dir", filters.dir);
  return params.toString();
}
