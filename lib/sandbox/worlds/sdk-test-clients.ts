import { KMSClient } from "@aws-sdk/client-kms";
import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { STSClient } from "@aws-sdk/client-sts";

/** SDK clients pointed at an in-process sandbox (tests only). */

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const AUDITOR: TestCredentials = {
  accessKeyId: "AKIAQKMSDRIFTAUDIT1",
  secretAccessKey: "sandbox",
};

export function createKms(
  url: string,
  region: string,
  credentials: TestCredentials = AUDITOR,
  maxAttempts = 1,
): KMSClient {
  return new KMSClient({ endpoint: url, region, credentials, maxAttempts });
}

export function createCloudTrail(
  url: string,
  region: string,
  credentials: TestCredentials = AUDITOR,
  maxAttempts = 1,
): CloudTrailClient {
  return new CloudTrailClient({ endpoint: url, region, credentials, maxAttempts });
}

export function createSts(url: string, credentials: TestCredentials = AUDITOR): STSClient {
  return new STSClient({ endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 });
}

/** The error a rejected SDK call threw (tests branch on `name`, as the product does). */
export async function catchError(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`non-Error thrown: ${String(error)}`);
  }
  throw new Error("expected the call to fail");
}
