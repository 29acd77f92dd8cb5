import { errorResponse } from "@/lib/server/api-errors";

export const dynamic = "force-dynamic";

// Any /api address no route serves: the documented JSON 404, not the HTML not-found page.
function unknownEndpoint(): Response {
  return errorResponse("not_found", "no such API endpoint");
}

export const GET = unknownEndpoint;
export const POST = unknownEndpoint;
