import { describe, expect, it } from "vitest";
import type { CallContext, Identity, RoleDefinition, SandboxApi } from "../types";
import { handleStsRequest } from "./index";

function createFakeApi(): SandboxApi & { keys: Map<string, Identity> } {
  const roles = new Map<string, RoleDefinition>();
  const keys = new Map<string, Identity>();
  return {
    keys,
    defaultAccount: "111122223333",
    call: () => ({}),
    recordEvent: () => undefined,
    startUsageTracking: () => undefined,
    resolveAccessKey: (akid) =>
      keys.get(akid) ?? {
        account: "111122223333",
        principalArn: `arn:aws:iam::111122223333:user/${akid}`,
      },
    registerAccessKey: (akid, identity) => void keys.set(akid, identity),
    defineRole: (role) => void roles.set(role.arn, role),
    getRole: (arn) => roles.get(arn),
  };
}

const caller: CallContext = {
  account: "111122223333",
  region: "us-east-1",
  accessKeyId: "AKIAQKMSDRIFTAUDIT1",
  principalArn: "arn:aws:iam::111122223333:user/auditor",
  time: new Date("2026-11-24T10:00:00Z"),
};
const AUDIT = "arn:aws:iam::444455556666:role/kms-drift-audit";

function assume(api: SandboxApi, roleArn: string, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({
    Action: "AssumeRole",
    Version: "2011-06-15",
    RoleArn: roleArn,
    RoleSessionName: "kms-drift",
    ...extra,
  });
  return handleStsRequest(params, caller, api);
}

describe("handleStsRequest", () => {
  it("AssumeRole returns AWS's XML and registers the new access key for the role's account", () => {
    const api = createFakeApi();
    api.defineRole({ arn: AUDIT, account: "444455556666", trustedAccounts: ["111122223333"] });
    const res = assume(api, AUDIT);
    expect(res.status).toBe(200);
    expect(res.body).toMatch(
      /^<AssumeRoleResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/,
    );
    const akid = /<AccessKeyId>(ASIA[A-Z2-7]{16})<\/AccessKeyId>/.exec(res.body)?.[1];
    expect(akid).toBeDefined();
    expect(res.body).toContain("<Expiration>2026-11-24T11:00:00Z</Expiration>");
    expect(res.body).toContain(
      "<Arn>arn:aws:sts::444455556666:assumed-role/kms-drift-audit/kms-drift</Arn>",
    );
    expect(res.body).toMatch(/<AssumedRoleId>AROA[A-Z2-7]{17}:kms-drift<\/AssumedRoleId>/);
    expect(res.body).toMatch(/<ResponseMetadata>\s*<RequestId>[0-9a-f-]{36}<\/RequestId>/);
    expect(api.keys.get(akid ?? "")).toEqual({
      account: "444455556666",
      principalArn: "arn:aws:sts::444455556666:assumed-role/kms-drift-audit/kms-drift",
      roleArn: AUDIT,
    });
  });

  it("refuses an untrusted caller, a missing role and a wrong ExternalId with the same 403 AccessDenied", () => {
    const api = createFakeApi();
    api.defineRole({
      arn: "arn:aws:iam::444455556666:role/no-trust",
      account: "444455556666",
      trustedAccounts: [],
    });
    api.defineRole({
      arn: AUDIT,
      account: "444455556666",
      trustedAccounts: ["111122223333"],
      externalId: "s3cret",
    });
    for (const res of [
      assume(api, "arn:aws:iam::444455556666:role/no-trust"),
      assume(api, "arn:aws:iam::444455556666:role/nope"),
      assume(api, AUDIT, { ExternalId: "wrong" }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toContain("<Type>Sender</Type>");
      expect(res.body).toContain("<Code>AccessDenied</Code>");
      expect(res.body).toMatch(
        /<Message>User: arn:aws:iam::111122223333:user\/auditor is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::444455556666:role\/[a-z-]+<\/Message>/,
      );
      expect(res.body).toMatch(/<\/Error>\s*<RequestId>/);
    }
    expect(api.keys.size).toBe(0);
    expect(assume(api, AUDIT, { ExternalId: "s3cret" }).status).toBe(200);
  });

  it("validates the session name and duration", () => {
    const api = createFakeApi();
    api.defineRole({ arn: AUDIT, account: "444455556666", trustedAccounts: ["111122223333"] });
    const bad = handleStsRequest(
      new URLSearchParams({ Action: "AssumeRole", RoleArn: AUDIT }),
      caller,
      api,
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("<Code>ValidationError</Code>");
    expect(assume(api, AUDIT, { DurationSeconds: "60" }).body).toContain(
      "greater than or equal to 900",
    );
  });

  it("GetCallerIdentity names an IAM user or an assumed role", () => {
    const api = createFakeApi();
    const user = handleStsRequest(
      new URLSearchParams({ Action: "GetCallerIdentity" }),
      caller,
      api,
    );
    expect(user.status).toBe(200);
    expect(user.body).toContain("<Arn>arn:aws:iam::111122223333:user/auditor</Arn>");
    expect(user.body).toMatch(/<UserId>AIDA[A-Z2-7]{17}<\/UserId>/);
    expect(user.body).toContain("<Account>111122223333</Account>");
    const role = handleStsRequest(
      new URLSearchParams({ Action: "GetCallerIdentity" }),
      {
        ...caller,
        account: "444455556666",
        principalArn: "arn:aws:sts::444455556666:assumed-role/kms-drift-audit/kms-drift",
        roleArn: AUDIT,
      },
      api,
    );
    expect(role.body).toMatch(/<UserId>AROA[A-Z2-7]{17}:kms-drift<\/UserId>/);
    expect(role.body).toContain("<Account>444455556666</Account>");
  });

  it("escapes XML and rejects unknown actions", () => {
    const api = createFakeApi();
    const res = handleStsRequest(new URLSearchParams({ Action: "<x>" }), caller, api);
    expect(res.status).toBe(400);
    expect(res.body).toContain("<Code>InvalidAction</Code>");
    expect(res.body).toContain("&lt;x&gt;");
  });
});
