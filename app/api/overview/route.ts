import { getOverview } from "@/lib/server/overview";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/overview – counts, drifted families, residency and DR gaps of the latest snapshot, the trend and scan status.
export const GET = withApi(async () => jsonResponse(await getOverview()));
