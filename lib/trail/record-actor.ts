import { z } from "zod";

const issuerSchema = z.looseObject({
  arn: z.string().optional(),
  userName: z.string().optional(),
});

export const userIdentitySchema = z.looseObject({
  type: z.string().optional(),
  principalId: z.string().optional(),
  arn: z.string().optional(),
  accountId: z.string().optional(),
  userName: z.string().optional(),
  invokedBy: z.string().optional(),
  identityProvider: z.string().optional(),
  sessionContext: z
    .looseObject({ sessionIssuer: issuerSchema.optional().catch(undefined) })
    .optional()
    .catch(undefined),
});

export type UserIdentity = z.infer<typeof userIdentitySchema>;

/** `arn:aws:sts::1:assumed-role/Role/session` → `session`. */
function sessionName(identity: UserIdentity): string | undefined {
  const fromArn = identity.arn?.match(/:assumed-role\/[^/]+\/(.+)$/)?.[1];
  if (fromArn) return fromArn;
  const fromPrincipal = identity.principalId?.split(":")[1];
  return fromPrincipal || undefined;
}

function describeAssumedRole(identity: UserIdentity): string {
  const roleArn = identity.sessionContext?.sessionIssuer?.arn;
  const session = sessionName(identity);
  if (roleArn) return session ? `${roleArn} (session ${session})` : roleArn;
  return identity.arn ?? identity.principalId ?? "unknown assumed role";
}

/**
 * Who made the call, from the record's `userIdentity` (CloudTrail userIdentity element): an IAM
 * ARN where there is one, the role ARN plus session name for assumed roles, the service for AWS
 * services, `AWS Internal` for KMS's own events (DeleteKey, RotateKey, …).
 */
export function describeActor(identity: UserIdentity | undefined, fallback?: string): string {
  if (!identity) return fallback ?? "unknown";
  switch (identity.type) {
    case "IAMUser":
      return identity.arn ?? identity.userName ?? identity.principalId ?? "unknown IAM user";
    case "AssumedRole":
      return describeAssumedRole(identity);
    case "Root":
      return (
        identity.arn ?? (identity.accountId ? `arn:aws:iam::${identity.accountId}:root` : "root")
      );
    case "AWSService":
      return identity.invokedBy ?? identity.principalId ?? "AWS service";
    case "FederatedUser":
      return (
        identity.arn ??
        identity.sessionContext?.sessionIssuer?.arn ??
        identity.principalId ??
        "federated user"
      );
    case "SAMLUser":
    case "WebIdentityUser": {
      const who = identity.userName ?? identity.principalId ?? "unknown";
      const prefix = identity.type === "SAMLUser" ? "saml" : "web-identity";
      return identity.identityProvider
        ? `${prefix}:${identity.identityProvider}/${who}`
        : `${prefix}:${who}`;
    }
    case "AWSAccount":
      return (
        identity.arn ??
        (identity.accountId
          ? `account:${identity.accountId}`
          : (identity.principalId ?? "AWS account"))
      );
    default:
      // KMS-internal events carry only `{accountId, invokedBy: "AWS Internal"}`, no type.
      return (
        identity.arn ??
        identity.invokedBy ??
        identity.userName ??
        identity.principalId ??
        fallback ??
        "unknown"
      );
  }
}

/** `arn:aws:iam::111122223333:user/mallory` → `user/mallory`, for titles. */
export function shortenActor(actor: string): string {
  return actor.replace(/arn:[^:\s]+:(?:iam|sts)::\d*:/g, "");
}
