import { deriveRoleId, deriveUserId } from "../sts/credentials";
import type { CallContext } from "../types";
import { formatEventTime } from "./shape";

/**
 * The `userIdentity` block of a record (docs/aws-facts.md#cloudtrail-records) and the `Username`
 * LookupEvents shows.
 */
export interface TrailIdentity {
  userIdentity: Record<string, unknown>;
  username?: string;
}

const ASSUMED_ROLE = /^arn:([a-z-]+):sts::(\d+):assumed-role\/(.+)\/([^/]+)$/;
const IAM_USER = /^arn:[a-z-]+:iam::\d+:user\/(?:.*\/)?([^/]+)$/;
const ROOT = /^arn:[a-z-]+:iam::\d+:root$/;

// Principal ids are pure functions of the ARN; hashing once per ARN keeps recording cheap.
const principalIds = new Map<string, string>();
function cachedId(arn: string, derive: (arn: string) => string): string {
  let id = principalIds.get(arn);
  if (id === undefined) {
    id = derive(arn);
    if (principalIds.size > 10_000) principalIds.clear();
    principalIds.set(arn, id);
  }
  return id;
}

export function describeCaller(ctx: CallContext, time: number, invokedBy?: string): TrailIdentity {
  const base = { accountId: ctx.account, accessKeyId: ctx.accessKeyId };
  const role = ASSUMED_ROLE.exec(ctx.principalArn);
  let identity: TrailIdentity;
  if (role) {
    const [, partition = "aws", account = ctx.account, roleName = "", session = ""] = role;
    const roleArn = ctx.roleArn ?? `arn:${partition}:iam::${account}:role/${roleName}`;
    const roleId = cachedId(roleArn, deriveRoleId);
    identity = {
      username: session,
      userIdentity: {
        type: "AssumedRole",
        principalId: `${roleId}:${session}`,
        arn: ctx.principalArn,
        ...base,
        sessionContext: {
          sessionIssuer: {
            type: "Role",
            principalId: roleId,
            arn: roleArn,
            accountId: account,
            userName: roleName.split("/").at(-1),
          },
          attributes: { creationDate: formatEventTime(time), mfaAuthenticated: "false" },
        },
      },
    };
  } else if (ROOT.test(ctx.principalArn)) {
    identity = {
      username: "root",
      userIdentity: { type: "Root", principalId: ctx.account, arn: ctx.principalArn, ...base },
    };
  } else {
    const userName =
      IAM_USER.exec(ctx.principalArn)?.[1] ??
      ctx.principalArn.split("/").at(-1) ??
      ctx.principalArn;
    identity = {
      username: userName,
      userIdentity: {
        type: "IAMUser",
        principalId: cachedId(ctx.principalArn, deriveUserId),
        arn: ctx.principalArn,
        ...base,
        userName,
      },
    };
  }
  if (invokedBy) identity.userIdentity.invokedBy = invokedBy;
  return identity;
}

/** LookupEvents' `Username`: the user name, the role session name, or `root`. */
export function describeUsername(ctx: CallContext): string {
  const arn = ctx.principalArn;
  if (arn.includes(":assumed-role/") || arn.includes(":user/"))
    return arn.slice(arn.lastIndexOf("/") + 1);
  if (ROOT.test(arn)) return "root";
  return arn.slice(arn.lastIndexOf("/") + 1);
}

/** KMS's own actions (DeleteKey after the waiting period, rotations): no caller. */
export function describeInternal(account: string): TrailIdentity {
  return { userIdentity: { accountId: account, invokedBy: "AWS Internal" } };
}
