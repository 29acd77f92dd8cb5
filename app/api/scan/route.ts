import { getScanStatus } from "@/lib/server/scan-service";

export const dynamic = "force-dynamic";

// GET /api/scan – whether a scan is running, its progress, the last outcome and the next scheduled run.
export async function GET(): Promise<Response> {
  return Response.json(await getScanStatus(), { headers: { "Cache-Control": "no-store" } });
}
