import { ApiError } from "@/lib/server/api-errors";
import { getScanStatus, startScan } from "@/lib/server/scan-service";
import { jsonResponse, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/scan – whether a scan is running, its progress, the last outcome and the next scheduled run.
export const GET = withApi(async () => jsonResponse(await getScanStatus()));

// POST /api/scan – starts a scan now (202); 409 when one is already running. Poll GET for progress.
export const POST = withApi(async () => {
  if (!(await startScan("manual"))) throw new ApiError("conflict", "a scan is already running");
  return jsonResponse({ started: true }, { status: 202 });
});
