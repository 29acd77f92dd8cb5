import { compareQuerySchema, compareSnapshotPair } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, queryOf, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/snapshots/compare?from=<id>&to=<id> – new, resolved and changed findings between two snapshots.
export const GET = withApi(async (request) => {
  const { from, to } = compareQuerySchema.parse(queryOf(request));
  return jsonResponse(await compareSnapshotPair(from, to));
});

export const POST = methodNotAllowed("GET, HEAD");
