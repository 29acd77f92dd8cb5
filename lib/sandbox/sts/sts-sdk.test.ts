import { ListKeysCommand } from "@aws-sdk/client-kms";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandboxServer, type SandboxServer } from "../server";
import { catchError, createKms, createSts } from "../worlds/sdk-test-clients";

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandboxServer({ port: 0, world: "demo", seed: 1 });
});
afterAll(async () => {
  await server.close();
});

describe("STS through the SDK", () => {
  it("assumes the audit role of the second account and reads its keys with the session", async () => {
    const out = await createSts(server.url).send(
      new AssumeRoleCommand({
        RoleArn: "arn:aws:iam::444455556666:role/kms-drift-audit",
        RoleSessionName: "kms-drift",
      }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error("no credentials");
    expect(c.AccessKeyId).toMatch(/^ASIA/);
    expect(c.Expiration?.getTime()).toBeGreaterThan(Date.now());
    expect(out.AssumedRoleUser?.Arn).toBe(
      "arn:aws:sts::444455556666:assumed-role/kms-drift-audit/kms-drift",
    );
    const session = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken ?? "",
    };

    const who = await createSts(server.url, session).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe("arn:aws:sts::444455556666:assumed-role/kms-drift-audit/kms-drift");
    expect(who.Account).toBe("444455556666");
    expect(who.UserId).toMatch(/^AROA[A-Z2-7]+:kms-drift$/);

    const keys = await createKms(server.url, "us-east-1", session).send(new ListKeysCommand({}));
    expect(keys.Keys?.length).toBeGreaterThan(0);
    for (const key of keys.Keys ?? []) expect(key.KeyArn).toContain(":444455556666:key/");
  });

  it("refuses the role that trusts nobody with AccessDenied", async () => {
    const error = await catchError(
      createSts(server.url).send(
        new AssumeRoleCommand({
          RoleArn: "arn:aws:iam::444455556666:role/no-trust",
          RoleSessionName: "kms-drift",
        }),
      ),
    );
    expect(error.name).toBe("AccessDenied");
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(error.message).toBe(
      "User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role/no-trust",
    );
  });

  it("tells the default caller who it is", async () => {
    const who = await createSts(server.url).send(new GetCallerIdentityCommand({}));
    expect(who).toMatchObject({
      Arn: "arn:aws:iam::111122223333:user/auditor",
      Account: "111122223333",
    });
  });
});
