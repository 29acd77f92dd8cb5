/**
 * Key-policy statements as parts a world composes per family. Each part renders for one region, so
 * replicas of an in-sync family differ only where the region itself appears (regional service
 * principals, `kms:ViaService`, ARN conditions) — which the drift engine must treat as equal.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal: "*" | Record<string, string | string[]>;
  Action: string | string[];
  Resource: string;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyPart {
  /** Stable identity of the part inside a family (drifts add or remove parts by key). */
  key: string;
  /** The Sid a careful author would write; style variants may rename or drop it. */
  sid: string;
  /** When set, every region uses this exact Sid (used for hostile-string Sids). */
  fixedSid?: string;
  render(account: string, region: string): Omit<PolicyStatement, "Sid">;
}

const USE_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
];
const ADMIN_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:ReplicateKey",
];

export function rootPart(): PolicyPart {
  return {
    key: "root",
    sid: "Enable IAM User Permissions",
    render: (account) => ({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:root` },
      Action: "kms:*",
      Resource: "*",
    }),
  };
}

export function adminsPart(): PolicyPart {
  return {
    key: "admins",
    sid: "Allow access for Key Administrators",
    render: (account) => ({
      Effect: "Allow",
      Principal: {
        AWS: [
          `arn:aws:iam::${account}:role/key-admin`,
          `arn:aws:iam::${account}:role/terraform-ci`,
        ],
      },
      Action: ADMIN_ACTIONS,
      Resource: "*",
    }),
  };
}

export function usersPart(app: string): PolicyPart {
  return {
    key: "users",
    sid: "Allow use of the key",
    render: (account) => ({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:role/app-${app}` },
      Action: USE_ACTIONS,
      Resource: "*",
    }),
  };
}

export function persistentGrantsPart(app: string): PolicyPart {
  return {
    key: "grants",
    sid: "Allow attachment of persistent resources",
    render: (account) => ({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${account}:role/app-${app}` },
      Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
      Resource: "*",
      Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
    }),
  };
}

export function cloudWatchLogsPart(): PolicyPart {
  return {
    key: "logs",
    sid: "Allow CloudWatch Logs",
    render: (account, region) => ({
      Effect: "Allow",
      Principal: { Service: `logs.${region}.amazonaws.com` },
      Action: [
        "kms:Encrypt*",
        "kms:Decrypt*",
        "kms:ReEncrypt*",
        "kms:GenerateDataKey*",
        "kms:Describe*",
      ],
      Resource: "*",
      Condition: {
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${region}:${account}:*` },
      },
    }),
  };
}

export function s3ViaServicePart(): PolicyPart {
  return {
    key: "s3",
    sid: "Allow S3 in this account",
    render: (account, region) => ({
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": `s3.${region}.amazonaws.com`,
          "kms:CallerAccount": account,
        },
      },
    }),
  };
}

export function denyDeletionPart(): PolicyPart {
  return {
    key: "deny-delete",
    sid: "Deny key deletion except break-glass",
    render: (account) => ({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
      Resource: "*",
      Condition: {
        StringNotLike: { "aws:PrincipalArn": `arn:aws:iam::${account}:role/break-glass` },
      },
    }),
  };
}

/** Drift: a principal that the reference does not name may decrypt. */
export function extraDecryptPart(principal: string): PolicyPart {
  return {
    key: `extra-decrypt:${principal}`,
    sid: "Allow decrypt for investigation",
    render: () => ({
      Effect: "Allow",
      Principal: { AWS: principal },
      Action: "kms:Decrypt",
      Resource: "*",
    }),
  };
}

/** Drift: full administrative access for a new principal. */
export function adminAllPart(principal: string): PolicyPart {
  return {
    key: `admin-all:${principal}`,
    sid: "Temporary admin",
    render: () => ({
      Effect: "Allow",
      Principal: { AWS: principal },
      Action: "kms:*",
      Resource: "*",
    }),
  };
}

/**
 * Drift: nobody may read the policy. No Condition, so the sandbox enforces it for every caller,
 * including the auditor (`GetKeyPolicy` ⇒ AccessDeniedException).
 */
export function denyPolicyReadPart(): PolicyPart {
  return {
    key: "deny-read",
    sid: "Deny policy reads",
    render: () => ({
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "kms:GetKeyPolicy",
      Resource: "*",
    }),
  };
}

export function withFixedSid(part: PolicyPart, sid: string): PolicyPart {
  return { ...part, fixedSid: sid };
}
