import { getSnapshotDetail } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/snapshots/:id – one snapshot's metadata, its findings and what changed since the one before (`latest` works).
export const GET = withApi<{ id: string }>(async (_request, { params }) => {
  const { id } = await params;
  return jsonResponse(await getSnapshotDetail(id));
});

export const POST = methodNotAllowed("GET, HEAD");
