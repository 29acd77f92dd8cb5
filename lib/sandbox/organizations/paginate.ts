import { z } from "zod";
import { invalidInput } from "./errors";

/**
 * AWS's pagination for Organizations' List* operations (docs/aws-facts.md#organizations):
 * MaxResults 1–20 (default 20), and "Organizations might return fewer results than the maximum
 * even when there are more results available", even an empty page with a NextToken. Clients must
 * follow NextToken until it is absent. The sandbox does both, deterministically:
 *
 * - items sit in shards of SHARD_SIZE; a page never crosses a shard boundary, so pages come back
 *   short (17 of 20, then 3 of 5 …);
 * - after every second shard boundary, the next page is empty, with a NextToken to go on.
 */
export const MAX_RESULTS = 20;
const SHARD_SIZE = 17;

const tokenSchema = z.strictObject({
  op: z.string(),
  scope: z.string(),
  offset: z.number().int().nonnegative(),
  pause: z.boolean(),
});
type PageToken = z.infer<typeof tokenSchema>;

export interface PageRequest {
  operation: string;
  /** What the listing is of (a parent id); a token is only valid for the same listing. */
  scope: string;
  maxResults: number | undefined;
  nextToken: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const limit = request.maxResults ?? MAX_RESULTS;
  const token =
    request.nextToken === undefined
      ? { op: request.operation, scope: request.scope, offset: 0, pause: false }
      : decodeToken(request.nextToken, request);
  if (token.pause) return { items: [], nextToken: encodeToken({ ...token, pause: false }) };
  const start = token.offset;
  const shardEnd = (Math.floor(start / SHARD_SIZE) + 1) * SHARD_SIZE;
  const end = Math.min(start + limit, shardEnd, items.length);
  const page = items.slice(start, end);
  if (end >= items.length) return { items: page };
  const pause = end === shardEnd && (end / SHARD_SIZE) % 2 === 0;
  return { items: page, nextToken: encodeToken({ ...token, offset: end, pause }) };
}

function encodeToken(token: PageToken): string {
  return Buffer.from(JSON.stringify(token), "utf8").toString("base64");
}

function decodeToken(text: string, request: PageRequest): PageToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64").toString("utf8"));
  } catch {
    throw invalidInput("INVALID_NEXT_TOKEN");
  }
  const token = tokenSchema.safeParse(parsed);
  if (!token.success || token.data.op !== request.operation || token.data.scope !== request.scope)
    throw invalidInput("INVALID_NEXT_TOKEN");
  return token.data;
}
