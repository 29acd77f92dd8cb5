import { describe, expect, it } from "vitest";
import { parseCloudTrailRecord, parseLookupEvent, type ParseResult } from "./parse-record";

const ACCOUNT = "111122223333";
const KEY = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-west-2:${ACCOUNT}:key/${KEY}`;
const MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";
const context = { region: "us-west-2", account: ACCOUNT, aliases: new Map([["alias/app", KEY]]) };

function record(overrides: Record<string, unknown>): string {
  return JSON.stringify({
    eventVersion: "1.08",
    userIdentity: {
      type: "IAMUser",
      arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
      accountId: ACCOUNT,
      userName: "Alice",
    },
    eventTime: "2022-09-01T20:06:16Z",
    eventSource: "kms.amazonaws.com",
    eventName: "PutKeyPolicy",
    awsRegion: "us-west-2",
    sourceIPAddress: "192.0.2.0",
    userAgent: "aws-cli/2",
    requestParameters: { keyId: KEY, policyName: "default", policy: "{}" },
    responseElements: null,
    eventID: "c217db1f-903f-4a2f-8f88-9580182d6313",
    readOnly: false,
    resources: [{ accountId: ACCOUNT, type: "AWS::KMS::Key", ARN: KEY_ARN }],
    recipientAccountId: ACCOUNT,
    ...overrides,
  });
}

function parsed(json: string): Extract<ParseResult, { kind: "event" }> {
  const result = parseCloudTrailRecord(json, context);
  if (result.kind !== "event") throw new Error(`expected an event, got ${result.reason}`);
  return result;
}

describe("parseCloudTrailRecord: the canonical record", () => {
  it("maps every field of the AWS PutKeyPolicy example", () => {
    const { event, eventSource } = parsed(record({}));
    expect(eventSource).toBe("kms.amazonaws.com");
    expect(event).toEqual({
      eventId: "c217db1f-903f-4a2f-8f88-9580182d6313",
      eventTime: "2022-09-01T20:06:16.000Z",
      eventName: "PutKeyPolicy",
      region: "us-west-2",
      account: ACCOUNT,
      actor: `arn:aws:iam::${ACCOUNT}:user/Alice`,
      sourceIp: "192.0.2.0",
      userAgent: "aws-cli/2",
      keyIds: [KEY],
      requestParameters: { keyId: KEY, policyName: "default", policy: "{}" },
    });
  });

  it("keeps the error code of a failed call", () => {
    expect(
      parsed(record({ errorCode: "AccessDenied", errorMessage: "nope" })).event.errorCode,
    ).toBe("AccessDenied");
  });
});

describe("parseCloudTrailRecord: actors", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "IAMUser",
      { type: "IAMUser", arn: `arn:aws:iam::${ACCOUNT}:user/mallory`, userName: "mallory" },
      `arn:aws:iam::${ACCOUNT}:user/mallory`,
    ],
    ["IAMUser without arn", { type: "IAMUser", userName: "mallory" }, "mallory"],
    [
      "AssumedRole",
      {
        type: "AssumedRole",
        principalId: "AROAEXAMPLE:deploy-42",
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/deploy-42`,
        sessionContext: {
          attributes: { mfaAuthenticated: "false", creationDate: "2022-09-01T19:00:00Z" },
          sessionIssuer: {
            type: "Role",
            arn: `arn:aws:iam::${ACCOUNT}:role/Deployer`,
            userName: "Deployer",
          },
        },
      },
      `arn:aws:iam::${ACCOUNT}:role/Deployer (session deploy-42)`,
    ],
    [
      "AssumedRole without sessionIssuer",
      { type: "AssumedRole", arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s1` },
      `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/s1`,
    ],
    [
      "Root",
      { type: "Root", arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT },
      `arn:aws:iam::${ACCOUNT}:root`,
    ],
    ["Root without arn", { type: "Root", accountId: ACCOUNT }, `arn:aws:iam::${ACCOUNT}:root`],
    ["AWSService", { type: "AWSService", invokedBy: "kms.amazonaws.com" }, "kms.amazonaws.com"],
    ["AWS Internal", { accountId: ACCOUNT, invokedBy: "AWS Internal" }, "AWS Internal"],
    [
      "FederatedUser",
      {
        type: "FederatedUser",
        arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
        principalId: `${ACCOUNT}:bob`,
      },
      `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
    ],
    [
      "SAMLUser",
      {
        type: "SAMLUser",
        principalId: "x:SamlExample",
        userName: "SamlExample",
        identityProvider: "idp-1",
      },
      "saml:idp-1/SamlExample",
    ],
    [
      "WebIdentityUser",
      {
        type: "WebIdentityUser",
        principalId: "accounts.google.com:app:sub",
        userName: "sub",
        identityProvider: "accounts.google.com",
      },
      "web-identity:accounts.google.com/sub",
    ],
    [
      "AWSAccount",
      { type: "AWSAccount", principalId: "AIDAEXAMPLE", accountId: "444455556666" },
      "account:444455556666",
    ],
    ["unknown type with principalId only", { type: "SomethingNew", principalId: "P1" }, "P1"],
  ];
  it.each(cases)("%s", (_label, userIdentity, actor) => {
    expect(parsed(record({ userIdentity })).event.actor).toBe(actor);
  });

  it("falls back to the envelope's Username when userIdentity is missing or not an object", () => {
    for (const userIdentity of [undefined, "weird", 42]) {
      const result = parseLookupEvent(
        { CloudTrailEvent: record({ userIdentity }), Username: "Alice" },
        context,
      );
      expect(result.kind === "event" && result.event.actor).toBe("Alice");
    }
  });
});

describe("parseCloudTrailRecord: key references", () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ["bare id", { requestParameters: { keyId: KEY }, resources: [] }, [KEY]],
    ["key ARN", { requestParameters: { keyId: KEY_ARN }, resources: [] }, [KEY]],
    ["alias name", { requestParameters: { keyId: "alias/app" }, resources: [] }, [KEY]],
    [
      "alias ARN",
      { requestParameters: { keyId: `arn:aws:kms:us-west-2:${ACCOUNT}:alias/app` }, resources: [] },
      [KEY],
    ],
    ["unknown alias", { requestParameters: { keyId: "alias/unknown" }, resources: [] }, []],
    [
      "targetKeyId (CreateAlias)",
      { requestParameters: { aliasName: "alias/new", targetKeyId: MRK }, resources: [] },
      [MRK],
    ],
    [
      "aliasName only (DeleteAlias) resolves through the map",
      { requestParameters: { aliasName: "alias/app" }, resources: [] },
      [KEY],
    ],
    ["resources only (RetireGrant has null parameters)", { requestParameters: null }, [KEY]],
    [
      "resources with an alias ARN and a key ARN",
      {
        requestParameters: { aliasName: "alias/other", targetKeyId: KEY },
        resources: [
          { type: "AWS::KMS::Key", ARN: `arn:aws:kms:us-west-2:${ACCOUNT}:alias/other` },
          { type: "AWS::KMS::Key", ARN: KEY_ARN },
        ],
      },
      [KEY],
    ],
    [
      "CreateKey: the new key is in responseElements (Java dates, odd casing)",
      {
        eventName: "CreateKey",
        requestParameters: { description: "", keySpec: "SYMMETRIC_DEFAULT", multiRegion: true },
        responseElements: {
          keyMetadata: {
            aWSAccountId: ACCOUNT,
            keyId: MRK,
            creationDate: "Aug 10, 2022, 10:38:27 PM",
            enabled: true,
          },
        },
        resources: [],
      },
      [MRK],
    ],
    [
      "ReplicateKey: primary ARN in resources, replica in responseElements",
      {
        eventName: "ReplicateKey",
        requestParameters: { keyId: MRK, replicaRegion: "eu-west-1" },
        responseElements: {
          replicaKeyMetadata: {
            keyId: MRK,
            arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${MRK}`,
            creationDate: "Nov 18, 2020, 1:29:18 AM",
          },
          replicaPolicy: "{}",
        },
        resources: [{ ARN: `arn:aws:kms:us-west-2:${ACCOUNT}:key/${MRK}` }],
      },
      [MRK],
    ],
    [
      "ScheduleKeyDeletion: responseElements.keyId is an ARN, deletionDate Java-style",
      {
        eventName: "ScheduleKeyDeletion",
        requestParameters: { keyId: KEY, pendingWindowInDays: 7 },
        responseElements: {
          keyId: KEY_ARN,
          keyState: "PendingDeletion",
          deletionDate: "Apr 12, 2021 18:58:30 PM",
        },
      },
      [KEY],
    ],
    [
      "non-string keyId and non-array resources",
      { requestParameters: { keyId: 42 }, resources: "nope" },
      [],
    ],
    [
      "resources with lower-case arn and junk entries",
      { requestParameters: {}, resources: [null, 7, { arn: KEY_ARN }] },
      [KEY],
    ],
  ];
  it.each(cases)("%s", (_label, overrides, keyIds) => {
    expect(parsed(record(overrides)).event.keyIds).toEqual(keyIds);
  });
});

describe("parseCloudTrailRecord: missing fields and bad input", () => {
  it("fills eventId, eventName and eventTime from the LookupEvents envelope", () => {
    const result = parseLookupEvent(
      {
        CloudTrailEvent: record({
          eventID: undefined,
          eventName: undefined,
          eventTime: "not a date",
        }),
        EventId: "env-1",
        EventName: "DisableKey",
        EventTime: new Date("2026-11-20T14:02:00Z"),
        EventSource: "kms.amazonaws.com",
      },
      context,
    );
    expect(result.kind).toBe("event");
    if (result.kind !== "event") return;
    expect(result.event).toMatchObject({
      eventId: "env-1",
      eventName: "DisableKey",
      eventTime: "2026-11-20T14:02:00.000Z",
    });
  });

  it("falls back to the lookup's region and account", () => {
    const { event } = parsed(
      record({
        awsRegion: undefined,
        recipientAccountId: undefined,
        userIdentity: { type: "Root" },
      }),
    );
    expect(event.region).toBe("us-west-2");
    expect(event.account).toBe(ACCOUNT);
  });

  it("omits sourceIp and userAgent when absent or not strings", () => {
    const { event } = parsed(record({ sourceIPAddress: undefined, userAgent: 5 }));
    expect(event).not.toHaveProperty("sourceIp");
    expect(event).not.toHaveProperty("userAgent");
  });

  it("keeps requestParameters null when the record has none", () => {
    expect(parsed(record({ requestParameters: undefined })).event.requestParameters).toBeNull();
  });

  const malformed: [string, string | undefined][] = [
    ["bad JSON", "{not json"],
    ["truncated JSON", record({}).slice(0, 40)],
    ["a JSON array", "[]"],
    ["a JSON string", '"hello"'],
    ["JSON null", "null"],
    ["no event id anywhere", record({ eventID: undefined })],
    ["no event time anywhere", record({ eventTime: undefined })],
    ["missing CloudTrailEvent", undefined],
  ];
  it.each(malformed)("skips %s as malformed", (_label, json) => {
    const result = parseLookupEvent(
      json === undefined ? { EventId: "x" } : { CloudTrailEvent: json },
      context,
    );
    expect(result.kind).toBe("malformed");
  });
});
