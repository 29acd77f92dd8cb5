import { getKeyPageOrThrow } from "@/lib/server/keys-query";
import { snapshotIdSchema } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, queryOf, withApi } from "@/lib/server/with-api";
import { keysApiQuerySchema } from "@/lib/views/key-filters";

export const dynamic = "force-dynamic";

// GET /api/keys – one page of a snapshot's keys (account, region, then as scanned), filtered in SQL
// by `account`, `region` and `q`, with `offset` and `limit` (≤ 500); `matched` counts what the
// filters keep. Never a key's policy, grants or tags.
export const GET = withApi(async (request) => {
  const { snapshot = "latest", ...rest } = queryOf(request);
  const snapshotId = snapshotIdSchema.parse(snapshot);
  const { offset, limit, ...filters } = keysApiQuerySchema.parse(rest);
  return jsonResponse(await getKeyPageOrThrow(filters, { offset, limit }, snapshotId));
});

export const POST = methodNotAllowed("GET, HEAD");
