import { createHash, randomBytes, randomUUID } from "node:crypto";

const BASE32_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function encodeUpper(bytes: Uint8Array, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32_UPPER[(bytes[i] ?? 0) % 32];
  return out;
}

/** Temporary credentials look like AWS's: `ASIA` + 16 upper-case characters, a 40-char secret. */
export function createSessionCredentials(): {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
} {
  return {
    accessKeyId: `ASIA${encodeUpper(randomBytes(16), 16)}`,
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `IQoJb3JpZ2luX2VjE${randomBytes(96).toString("base64")}`,
  };
}

/**
 * A role's unique id (`AROA…`) is stable per role ARN, as in AWS where it is fixed when the role is
 * created; derive it from the ARN so the same role always shows the same id.
 */
export function deriveRoleId(roleArn: string): string {
  return `AROA${encodeUpper(createHash("sha256").update(roleArn).digest(), 17)}`;
}

/** An IAM user's unique id (`AIDA…`), stable per user ARN. */
export function deriveUserId(userArn: string): string {
  return `AIDA${encodeUpper(createHash("sha256").update(userArn).digest(), 17)}`;
}

export function createRequestId(): string {
  return randomUUID();
}
