import { findingsQuerySchema, queryFindings } from "@/lib/server/findings-query";
import { jsonResponse, methodNotAllowed, queryOf, withApi } from "@/lib/server/with-api";

export const dynamic = "force-dynamic";

// GET /api/findings – findings of a snapshot (?snapshot, ?family, ?property, ?severity, ?region, ?id, ?waived=yes|no).
export const GET = withApi(async (request) =>
  jsonResponse(await queryFindings(findingsQuerySchema.parse(queryOf(request)))),
);

export const POST = methodNotAllowed("GET, HEAD");
