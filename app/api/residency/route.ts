import { getResidency } from "@/lib/server/residency";
import { snapshotIdSchema } from "@/lib/server/snapshot-history";
import { jsonResponse, methodNotAllowed, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/residency – where each family's key material lives, the residency rules and their violations.
export const GET = withApi(async (request) => {
  const snapshotId = snapshotIdSchema.parse(
    new URL(request.url).searchParams.get("snapshot") ?? "latest",
  );
  return jsonResponse(await getResidency(snapshotId));
});

export const POST = methodNotAllowed("GET, HEAD");
