import { getWorkersStatus } from "@/lib/server/scan-service";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/workers – `{mode: "local"}`, or the worker processes and the latest distributed scan.
export const GET = withApi(async () => jsonResponse(await getWorkersStatus()));
