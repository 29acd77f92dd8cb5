import { parseFamilyFilters } from "@/lib/views/family-filters";
import { familyPagingSchema, getFamilyPageOrThrow } from "@/lib/server/families-query";
import { snapshotIdSchema } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/families – one page of the families × regions matrix, filtered and sorted in SQL by the
// same query as /families, with `offset` and `limit` (≤ 500); `matched` counts what the filters keep.
export const GET = withApi(async (request) => {
  const params = new URL(request.url).searchParams;
  const snapshotId = snapshotIdSchema.parse(params.get("snapshot") ?? "latest");
  const paging = familyPagingSchema.parse({
    offset: params.get("offset") ?? undefined,
    limit: params.get("limit") ?? undefined,
  });
  for (const name of ["snapshot", "offset", "limit"]) params.delete(name);
  const filters = parseFamilyFilters(params);
  return jsonResponse(await getFamilyPageOrThrow(filters, paging, snapshotId));
});

export const POST = methodNotAllowed("GET, HEAD");
