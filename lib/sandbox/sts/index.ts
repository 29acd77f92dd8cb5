import type { CallContext, SandboxApi } from "../types";
import {
  createRequestId,
  createSessionCredentials,
  deriveRoleId,
  deriveUserId,
} from "./credentials";
import { renderStsError, renderStsResult } from "./xml";

export interface StsResponse {
  status: number;
  body: string;
}

const ROLE_ARN_PATTERN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const DEFAULT_DURATION_SECONDS = 3600;

function fail(status: number, code: string, message: string): StsResponse {
  return { status, body: renderStsError(code, message, createRequestId()) };
}

function readDuration(raw: string | null): number | StsResponse {
  if (raw === null) return DEFAULT_DURATION_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) {
    return fail(
      400,
      "ValidationError",
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value ${Number.isInteger(seconds) && seconds < 900 ? "greater than or equal to 900" : "less than or equal to 43200"}`,
    );
  }
  return seconds;
}

function assumeRole(params: URLSearchParams, ctx: CallContext, api: SandboxApi): StsResponse {
  const roleArn = params.get("RoleArn");
  const sessionName = params.get("RoleSessionName");
  if (roleArn === null) {
    return fail(
      400,
      "ValidationError",
      "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
    );
  }
  if (sessionName === null) {
    return fail(
      400,
      "ValidationError",
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!SESSION_NAME_PATTERN.test(sessionName)) {
    return fail(
      400,
      "ValidationError",
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = readDuration(params.get("DurationSeconds"));
  if (typeof duration !== "number") return duration;

  const arnParts = ROLE_ARN_PATTERN.exec(roleArn);
  const role = api.getRole(roleArn);
  // AWS answers the same AccessDenied whether the role is missing, untrusted or the ExternalId is
  // wrong. An ExternalId is only checked by a trust policy that has an sts:ExternalId condition.
  const trusted =
    role !== undefined &&
    role.trustedAccounts.includes(ctx.account) &&
    (role.externalId === undefined || role.externalId === params.get("ExternalId"));
  if (!arnParts || !role || !trusted) {
    return fail(
      403,
      "AccessDenied",
      `User: ${ctx.principalArn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }

  const roleName = arnParts[2] ?? "";
  const principalArn = `arn:aws:sts::${role.account}:assumed-role/${roleName}/${sessionName}`;
  const credentials = createSessionCredentials();
  api.registerAccessKey(credentials.accessKeyId, { account: role.account, principalArn, roleArn });
  const now = ctx.time ?? new Date();
  const expiration = new Date(now.getTime() + duration * 1000);
  const body = renderStsResult(
    "AssumeRole",
    {
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretAccessKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: expiration.toISOString().replace(/\.\d{3}Z$/, "Z"),
      },
      AssumedRoleUser: {
        AssumedRoleId: `${deriveRoleId(roleArn)}:${sessionName}`,
        Arn: principalArn,
      },
    },
    createRequestId(),
  );
  return { status: 200, body };
}

function getCallerIdentity(ctx: CallContext): StsResponse {
  const sessionName = ctx.principalArn.split("/").at(-1) ?? "";
  const userId = ctx.roleArn
    ? `${deriveRoleId(ctx.roleArn)}:${sessionName}`
    : deriveUserId(ctx.principalArn);
  const body = renderStsResult(
    "GetCallerIdentity",
    { Arn: ctx.principalArn, UserId: userId, Account: ctx.account },
    createRequestId(),
  );
  return { status: 200, body };
}

/**
 * Answers one STS Query-protocol request (`Action=AssumeRole|GetCallerIdentity`, form-encoded) with
 * the XML AWS STS returns. The caller (`ctx`) is the identity behind the request's access key id.
 */
export function handleStsRequest(
  params: URLSearchParams,
  ctx: CallContext,
  api: SandboxApi,
): StsResponse {
  const action = params.get("Action");
  if (action === "AssumeRole") return assumeRole(params, ctx, api);
  if (action === "GetCallerIdentity") return getCallerIdentity(ctx);
  return fail(
    400,
    "InvalidAction",
    `Could not find operation ${action ?? ""} for version ${params.get("Version") ?? ""}`,
  );
}
