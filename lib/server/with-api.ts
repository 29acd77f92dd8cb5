import "server-only";
import { errorResponse, handleApiError } from "./api-errors";

export interface RouteContext<P> {
  params: Promise<P>;
}

type Handler<P> = (request: Request, context: RouteContext<P>) => Promise<Response> | Response;

/** The one wrapper every route handler goes through: errors become `{ error: { code, message } }`. */
export function withApi<P = Record<string, never>>(
  handler: Handler<P>,
): (request: Request, context: RouteContext<P>) => Promise<Response> {
  return async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      return handleApiError(error);
    }
  };
}

/**
 * A route's answer to a method the proxy lets through (POST) but the route does not serve: the
 * documented 405 body, where Next.js would answer with an empty one.
 */
export function methodNotAllowed(allow: string): (request: Request) => Response {
  return (request) =>
    errorResponse("method_not_allowed", `${request.method} is not allowed here`, { Allow: allow });
}

/** JSON that must never be cached: every view reflects the latest snapshot. */
export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}

/** The query string as a plain record (repeated keys joined with commas), for zod parsers. */
export function queryOf(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams)
    out[key] = out[key] ? `${out[key]},${value}` : value;
  return out;
}
