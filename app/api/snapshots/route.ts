import { listQuerySchema, listSnapshotHistory } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, queryOf, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/snapshots – stored snapshots, newest first (?limit=1..200, ?before=<id> for the next page).
export const GET = withApi(async (request) => {
  const query = listQuerySchema.parse(queryOf(request));
  return jsonResponse({ snapshots: await listSnapshotHistory(query) });
});

export const POST = methodNotAllowed("GET, HEAD");
