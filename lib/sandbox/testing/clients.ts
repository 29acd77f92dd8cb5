import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { KMSClient } from "@aws-sdk/client-kms";
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from "../server";

/** Test helpers: an in-process sandbox on a free port and SDK clients pointed at it. */
export function startTestSandbox(
  options: Partial<SandboxServerOptions> = {},
): Promise<SandboxServer> {
  return startSandboxServer({ port: 0, world: "empty", seed: 7, ...options });
}

const credentials = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: "sandbox-secret" });

export function createKms(url: string, region: string, accessKeyId = "AKIATESTUSER"): KMSClient {
  return new KMSClient({
    endpoint: url,
    region,
    credentials: credentials(accessKeyId),
    maxAttempts: 1,
  });
}

export function createCloudTrail(
  url: string,
  region: string,
  accessKeyId = "AKIATESTUSER",
): CloudTrailClient {
  return new CloudTrailClient({
    endpoint: url,
    region,
    credentials: credentials(accessKeyId),
    maxAttempts: 1,
  });
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function catchError(
  promise: Promise<unknown>,
): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Posts raw bytes to the sandbox (for malformed requests the SDK would never send). */
export async function postRaw(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${url}/`, { method: "POST", headers, body });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

export const SIGNED = (region: string, service = "kms") =>
  `AWS4-HMAC-SHA256 Credential=AKIATESTUSER/20261124/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;

/** The statement every default key policy starts with: the account may do anything with the key. */
export function rootStatement(account = "111122223333") {
  return {
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${account}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

/** A key policy of `statements` (the account's root statement by default), as PutKeyPolicy takes it. */
export function policyOf(...statements: object[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.length > 0 ? statements : [rootStatement()],
  });
}

/** A key policy that lets the account do everything except `action`, denied to everyone. */
export function policyDenying(action: string, account = "111122223333"): string {
  return policyOf(rootStatement(account), {
    Effect: "Deny",
    Principal: "*",
    Action: action,
    Resource: "*",
  });
}
