import { partitionOf } from "../core/arn";

/**
 * The key policy KMS attaches when CreateKey/ReplicateKey get none, in KMS's own formatting
 * (docs/aws-facts.md#key-policy).
 */
export function formatDefaultPolicy(account: string, region: string): string {
  return [
    "{",
    `  "Version" : "2012-10-17",`,
    `  "Id" : "key-default-1",`,
    `  "Statement" : [ {`,
    `    "Sid" : "Enable IAM User Permissions",`,
    `    "Effect" : "Allow",`,
    `    "Principal" : {`,
    `      "AWS" : "arn:${partitionOf(region)}:iam::${account}:root"`,
    `    },`,
    `    "Action" : "kms:*",`,
    `    "Resource" : "*"`,
    `  } ]`,
    "}",
  ].join("\n");
}

/** The policy of an AWS managed key (`alias/aws/<service>`): usable through the service by the account. */
export function formatManagedKeyPolicy(account: string, region: string, service: string): string {
  const partition = partitionOf(region);
  return [
    "{",
    `  "Version" : "2012-10-17",`,
    `  "Id" : "auto-${service}-1",`,
    `  "Statement" : [ {`,
    `    "Sid" : "Allow access through ${service} for all principals in the account that are authorized to use ${service}",`,
    `    "Effect" : "Allow",`,
    `    "Principal" : {`,
    `      "AWS" : "*"`,
    `    },`,
    `    "Action" : [ "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey" ],`,
    `    "Resource" : "*",`,
    `    "Condition" : {`,
    `      "StringEquals" : {`,
    `        "kms:CallerAccount" : "${account}",`,
    `        "kms:ViaService" : "${service}.${region}.amazonaws.com"`,
    `      }`,
    `    }`,
    `  }, {`,
    `    "Sid" : "Allow direct access to key metadata to the account",`,
    `    "Effect" : "Allow",`,
    `    "Principal" : {`,
    `      "AWS" : "arn:${partition}:iam::${account}:root"`,
    `    },`,
    `    "Action" : [ "kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant" ],`,
    `    "Resource" : "*"`,
    `  } ]`,
    "}",
  ].join("\n");
}
