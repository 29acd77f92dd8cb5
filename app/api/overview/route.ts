import { getOverview } from "@/lib/server/overview";
import { jsonResponse, methodNotAllowed, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/overview – counts, drifted families, residency and DR gaps of the latest snapshot, the trend and scan status.
export const GET = withApi(async () => jsonResponse(await getOverview()));

export const POST = methodNotAllowed("GET, HEAD");
