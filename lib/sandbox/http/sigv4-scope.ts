import { SandboxError } from "../types";

/** What the SigV4 credential scope tells the sandbox: who signed, for which Region and service. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const REQUIRED_PARTS = ["Credential", "SignedHeaders", "Signature"] as const;

/**
 * Reads `Authorization: AWS4-HMAC-SHA256 Credential=<AKID>/<date>/<region>/<service>/aws4_request,
 * SignedHeaders=…, Signature=…` (docs/aws-facts.md#wire). Signatures are not verified (clients sign
 * with dummy secrets). Missing ⇒ MissingAuthenticationTokenException; garbled ⇒
 * IncompleteSignatureException.
 */
export function parseCredentialScope(header: string | undefined): CredentialScope {
  if (header === undefined || header.trim() === "") {
    throw new SandboxError(
      "MissingAuthenticationTokenException",
      "Missing Authentication Token",
      400,
    );
  }
  const value = header.trim();
  const space = value.indexOf(" ");
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== "AWS4-HMAC-SHA256") {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}'. Authorization=${value}`);
  }
  const parts = new Map<string, string>();
  for (const piece of value.slice(space + 1).split(",")) {
    const text = piece.trim();
    const eq = text.indexOf("=");
    if (eq < 0)
      throw incomplete(
        `'${text}' not a valid key=value pair (missing equal-sign) in Authorization header: '${value}'.`,
      );
    parts.set(text.slice(0, eq), text.slice(eq + 1));
  }
  const missing = REQUIRED_PARTS.filter((name) => !parts.get(name));
  if (missing.length > 0) {
    throw incomplete(
      `${missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" ")} Authorization=${value}`,
    );
  }
  const segments = (parts.get("Credential") ?? "").split("/");
  const [accessKeyId = "", date = "", region = "", service = "", terminator = ""] = segments;
  if (segments.length !== 5 || terminator !== "aws4_request") {
    throw incomplete(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${segments.at(-1) ?? ""}'.`,
    );
  }
  if (!/^[a-z0-9-]+$/.test(region))
    throw incomplete(`Credential should be scoped to a valid region, not '${region}'.`);
  if (accessKeyId === "") throw incomplete("Credential should contain an access key id.");
  return { accessKeyId, date, region, service };
}

function incomplete(message: string): SandboxError {
  return new SandboxError("IncompleteSignatureException", message, 400);
}
