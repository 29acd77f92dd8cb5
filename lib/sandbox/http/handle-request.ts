import type { IncomingMessage, ServerResponse } from "node:http";
import { handleStsRequest } from "../sts/index";
import type { Sandbox } from "../sandbox";
import {
  SandboxError,
  type CallContext,
  type FaultInjector,
  type SandboxService,
  type WorldManifest,
} from "../types";
import { z } from "zod";
import { readBody } from "./read-body";

const jsonObjectSchema = z.record(z.string(), z.unknown());
import { send, sendError, sendJson } from "./respond";
import { routeTarget } from "./route";
import { parseCredentialScope } from "./sigv4-scope";

export interface HandlerDeps {
  sandbox: Sandbox;
  faults: FaultInjector;
  manifest: () => WorldManifest;
}

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  service?: SandboxService;
  operation: string;
  ctx?: CallContext;
}

/** One HTTP request: the `/_sandbox/*` introspection routes, or an AWS JSON 1.1 / STS Query call. */
export async function handleRequest(
  deps: HandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = req.url ?? "/";
  if (req.method === "GET" && url.startsWith("/_sandbox/"))
    return handleIntrospection(deps, url, res);
  const ex: Exchange = { req, res, requestId: deps.sandbox.nextRequestId(), operation: "" };
  try {
    await handleApiCall(deps, ex);
  } catch (caught) {
    const error =
      caught instanceof SandboxError
        ? caught
        : new SandboxError(
            "InternalFailure",
            "The request processing has failed because of an unknown error.",
            500,
          );
    reply(deps, ex, error);
  }
}

async function handleApiCall(deps: HandlerDeps, ex: Exchange): Promise<void> {
  const { req } = ex;
  const body = await readBody(req);
  if (body.kind === "aborted") return;
  if (body.kind === "too-large") {
    ex.res.setHeader("connection", "close");
    throw new SandboxError("RequestEntityTooLargeException", "Request entity too large", 413);
  }
  if (req.method !== "POST") throw new SandboxError("UnknownOperationException", "", 400);
  const scope = parseCredentialScope(req.headers.authorization);
  const identity = deps.sandbox.resolveAccessKey(scope.accessKeyId);
  ex.ctx = {
    account: identity.account,
    region: scope.region,
    accessKeyId: scope.accessKeyId,
    principalArn: identity.principalArn,
    ...(identity.roleArn ? { roleArn: identity.roleArn } : {}),
    sourceIp: (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, ""),
    userAgent: req.headers["user-agent"] ?? "",
  };
  const contentType = req.headers["content-type"] ?? "";
  if (contentType.startsWith("application/x-www-form-urlencoded") || scope.service === "sts") {
    return handleSts(deps, ex, new URLSearchParams(body.text));
  }
  const target = req.headers["x-amz-target"];
  const route = routeTarget(typeof target === "string" ? target : undefined);
  ex.service = route.service;
  ex.operation = route.operation;
  if (!route.service) throw new SandboxError("UnknownOperationException", "", 400);
  const input = parseJsonBody(body.text);
  if (!(await passFaults(deps, ex, route.service))) return;
  const output = deps.sandbox.invoke(route.service, route.operation, input, ex.ctx, ex.requestId);
  logCall(deps, ex, 200);
  sendJson(ex.res, ex.requestId, output);
}

function parseJsonBody(text: string): Record<string, unknown> {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SandboxError(
      "SerializationException",
      "Unable to parse the request body as JSON.",
      400,
    );
  }
  const body = jsonObjectSchema.safeParse(parsed);
  if (!body.success || Array.isArray(parsed)) {
    throw new SandboxError(
      "SerializationException",
      "Start of structure or map found where not expected.",
      400,
    );
  }
  return body.data;
}

async function handleSts(deps: HandlerDeps, ex: Exchange, params: URLSearchParams): Promise<void> {
  ex.service = "sts";
  ex.operation = params.get("Action") ?? "";
  if (!ex.ctx || !(await passFaults(deps, ex, "sts"))) return;
  const answer = handleStsRequest(params, ex.ctx, deps.sandbox);
  logCall(
    deps,
    ex,
    answer.status,
    answer.status === 200 ? undefined : /<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1],
  );
  send(ex.res, answer.status, ex.requestId, answer.body, "text/xml");
}

/** Asks the fault injector; false when the answer was already given (error) or never will be (drop). */
async function passFaults(
  deps: HandlerDeps,
  ex: Exchange,
  service: SandboxService,
): Promise<boolean> {
  const ctx = ex.ctx;
  if (!ctx) return true;
  const outcome = deps.faults.decide({
    service,
    operation: ex.operation,
    region: ctx.region,
    account: ctx.account,
    principal: ctx.principalArn,
  });
  if (outcome.kind === "drop") {
    logCall(deps, ex, 0, "ConnectionDropped");
    ex.req.socket.destroy();
    return false;
  }
  if (outcome.delayMs) await new Promise((resolve) => setTimeout(resolve, outcome.delayMs));
  if (outcome.kind === "error") {
    reply(deps, ex, outcome.error);
    return false;
  }
  return true;
}

function reply(deps: HandlerDeps, ex: Exchange, error: SandboxError): void {
  logCall(deps, ex, error.status, error.type);
  sendError(
    ex.res,
    ex.requestId,
    ex.service,
    error.type,
    error.message,
    error.status,
    error.fields,
  );
}

function logCall(deps: HandlerDeps, ex: Exchange, status: number, errorType?: string): void {
  deps.sandbox.calls.push({
    time: new Date().toISOString(),
    account: ex.ctx?.account ?? "",
    region: ex.ctx?.region ?? "",
    service: ex.service ?? "",
    operation: ex.operation,
    caller: ex.ctx?.principalArn ?? "",
    status,
    ...(errorType ? { errorType } : {}),
  });
}

function handleIntrospection(deps: HandlerDeps, url: string, res: ServerResponse): void {
  const path = url.split("?")[0];
  const json = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
      "cache-control": "no-store",
    });
    res.end(text);
  };
  if (path === "/_sandbox/health") return json(200, { ok: true });
  if (path === "/_sandbox/world") return json(200, deps.manifest());
  if (path === "/_sandbox/calls") {
    const since = Number(new URLSearchParams(url.split("?")[1] ?? "").get("since") ?? "0");
    return json(
      200,
      Number.isInteger(since) && since > 0 ? deps.sandbox.calls.slice(since) : deps.sandbox.calls,
    );
  }
  json(404, { message: `No sandbox route ${path ?? ""}` });
}
