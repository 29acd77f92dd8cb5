import { z } from "zod";
import { accountList, regionList, toRecord, type QueryInput } from "./family-filters";

/** Keys per page of `/keys`, and of GET /api/keys unless `limit` says otherwise. */
export const KEY_PAGE_SIZE = 100;
export const MAX_KEY_PAGE_SIZE = 500;

const filterShape = {
  account: accountList,
  region: regionList,
  /** Text in the key id, an alias or the description. */
  q: z.string().max(200, "is longer than 200 characters").default(""),
};

/** The `/keys` page's URL state: filters and a page number from 1. */
export const keysPageQuerySchema = z.object({
  ...filterShape,
  page: z.coerce
    .number("expected a page number")
    .int("expected a whole page number")
    .min(1, "expected a page number from 1")
    .max(1_000_000, "expected a page number up to 1000000")
    .default(1),
});
export type KeysPageQuery = z.infer<typeof keysPageQuerySchema>;

/** GET /api/keys: the same filters, with `offset` and `limit` as GET /api/families. */
export const keysApiQuerySchema = z.object({
  ...filterShape,
  offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_KEY_PAGE_SIZE).default(KEY_PAGE_SIZE),
});

/** Lenient, for the page: the bad parameter named in one line, never a stack trace. */
export function safeParseKeysPageQuery(
  input: QueryInput,
): { query: KeysPageQuery; problem: null } | { query: null; problem: string } {
  const parsed = keysPageQuerySchema.safeParse(toRecord(input));
  if (parsed.success) return { query: parsed.data, problem: null };
  const issue = parsed.error.issues[0];
  return {
    query: null,
    problem: `"${String(issue?.path[0] ?? "query")}": ${issue?.message ?? "is invalid"}`,
  };
}

/** The `/keys` URL of `query` (defaults left out). */
export function keysPageHref(query: KeysPageQuery): string {
  const params = new URLSearchParams();
  if (query.account.length > 0) params.set("account", query.account.join(","));
  if (query.region.length > 0) params.set("region", query.region.join(","));
  if (query.q) params.set("q", query.q);
  if (query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `/keys?${text}` : "/keys";
}
