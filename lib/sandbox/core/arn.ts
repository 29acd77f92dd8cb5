import { partitionOf } from "../../domain/regions";

/** ARN helpers (docs/aws-facts.md#arns): the partition follows the Region. */
export { partitionOf };

export function formatKeyArn(region: string, account: string, keyId: string): string {
  return `arn:${partitionOf(region)}:kms:${region}:${account}:key/${keyId}`;
}

export function formatAliasArn(region: string, account: string, aliasName: string): string {
  return `arn:${partitionOf(region)}:kms:${region}:${account}:${aliasName}`;
}

export function formatRootArn(account: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${account}:root`;
}

export interface KmsArn {
  partition: string;
  region: string;
  account: string;
  resourceType: "key" | "alias";
  /** Key id, or the alias name including `alias/`. */
  resource: string;
}

const KMS_ARN = /^arn:([a-z-]+):kms:([a-z0-9-]*):(\d*):(key|alias)\/(.+)$/;

export function parseKmsArn(text: string): KmsArn | undefined {
  const m = KMS_ARN.exec(text);
  if (!m) return undefined;
  const [, partition = "", region = "", account = "", kind = "", rest = ""] = m;
  const resourceType = kind === "alias" ? "alias" : "key";
  return {
    partition,
    region,
    account,
    resourceType,
    resource: resourceType === "alias" ? `alias/${rest}` : rest,
  };
}
