import { parseFamilyFilters } from "@/lib/views/family-filters";
import { ApiError } from "@/lib/server/api-errors";
import { getFamilyMatrix } from "@/lib/server/families-query";
import { applyFamilyFilters } from "@/lib/views/filter-families";
import { snapshotIdSchema } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/families – the families × regions matrix, filtered and sorted by the same query as /families.
export const GET = withApi(async (request) => {
  const params = new URL(request.url).searchParams;
  const snapshotId = snapshotIdSchema.parse(params.get("snapshot") ?? "latest");
  params.delete("snapshot");
  const filters = parseFamilyFilters(params);
  const matrix = await getFamilyMatrix(snapshotId);
  if (!matrix)
    throw new ApiError(
      "not_found",
      snapshotId === "latest"
        ? "no snapshot yet: the first scan has not finished"
        : `snapshot ${snapshotId} not found`,
    );
  return jsonResponse(applyFamilyFilters(matrix, filters));
});

export const POST = methodNotAllowed("GET, HEAD");
