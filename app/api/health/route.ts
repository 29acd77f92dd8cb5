import { methodNotAllowed } from "@/lib/server/with-api";

// GET /api/health – liveness for process managers and the e2e web server.
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "Cache-Control": "no-store" } });
}

export const POST = methodNotAllowed("GET, HEAD");
