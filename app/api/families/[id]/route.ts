import { getFamilyReport } from "@/lib/server/family-report";
import { snapshotIdSchema } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/families/:id – one family's drift report (id URL-encoded, e.g. 111122223333%3Aalias%2Fapp).
export const GET = withApi<{ id: string }>(async (request, { params }) => {
  const { id } = await params;
  const snapshotId = snapshotIdSchema.parse(
    new URL(request.url).searchParams.get("snapshot") ?? "latest",
  );
  return jsonResponse(await getFamilyReport(id, snapshotId));
});

export const POST = methodNotAllowed("GET, HEAD");
