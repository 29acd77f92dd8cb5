import type { CallContext, SandboxApi } from "../types";

/** A named person or role that acts in a world's history. */
export interface Actor {
  account: string;
  principalArn: string;
  accessKeyId: string;
  roleArn?: string;
}

export function defineUser(account: string, name: string, accessKeyId: string): Actor {
  return { account, principalArn: `arn:aws:iam::${account}:user/${name}`, accessKeyId };
}

export function defineAssumedRole(
  account: string,
  role: string,
  session: string,
  accessKeyId: string,
): Actor {
  return {
    account,
    principalArn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    roleArn: `arn:aws:iam::${account}:role/${role}`,
    accessKeyId,
  };
}

/** Makes the actor's access key id resolve to the actor over HTTP too. */
export function registerActor(api: SandboxApi, actor: Actor): void {
  api.registerAccessKey(actor.accessKeyId, {
    account: actor.account,
    principalArn: actor.principalArn,
    ...(actor.roleArn ? { roleArn: actor.roleArn } : {}),
  });
}

export function contextFor(actor: Actor, region: string, time: Date): CallContext {
  return {
    account: actor.account,
    region,
    accessKeyId: actor.accessKeyId,
    principalArn: actor.principalArn,
    ...(actor.roleArn ? { roleArn: actor.roleArn } : {}),
    time,
    sourceIp: actor.roleArn ? "10.20.0.15" : "198.51.100.23",
    userAgent: actor.roleArn
      ? "aws-sdk-go-v2/1.36.3 os/linux lang/go#1.24.1 md/GOOS#linux api/kms#1.38.1"
      : "aws-cli/2.27.4 md/awscrt#0.26.1 ua/2.1 os/macos#24.4.0 cfg/retry-mode#standard",
  };
}
