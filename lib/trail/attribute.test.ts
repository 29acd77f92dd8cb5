import { describe, expect, it } from "vitest";
import type { Family } from "../domain/family";
import type { Finding, FindingBase, FindingProperty } from "../domain/finding";
import type { TrailCoverage } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import { withSampleDetail } from "../store/test-fixtures";
import { attributeFindings } from "./attribute";

const ACCOUNT = "111122223333";
const MRK = "mrk-aaaa";
const ok: TrailCoverage = {
  status: "ok",
  from: "2026-11-01T00:00:00.000Z",
  to: "2026-11-24T00:00:00.000Z",
  lookups: 19,
  events: 3,
};
const coverage = new Map<string, TrailCoverage>([
  [`${ACCOUNT}:us-east-1`, ok],
  [`${ACCOUNT}:eu-west-1`, ok],
  [`${ACCOUNT}:ap-south-1`, ok],
]);

const mrkFamily: Family = {
  id: `${ACCOUNT}:${MRK}`,
  kind: "multi-region",
  account: ACCOUNT,
  name: MRK,
  referenceRegion: "us-east-1",
  members: [
    {
      region: "us-east-1",
      keyId: MRK,
      arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${MRK}`,
      role: "primary",
    },
    {
      region: "eu-west-1",
      keyId: MRK,
      arn: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/${MRK}`,
      role: "replica",
    },
    {
      region: "ap-south-1",
      keyId: MRK,
      arn: `arn:aws:kms:ap-south-1:${ACCOUNT}:key/${MRK}`,
      role: "replica",
    },
  ],
  flags: [],
};

const aliasFamily: Family = {
  id: `${ACCOUNT}:alias/app`,
  kind: "alias",
  account: ACCOUNT,
  name: "alias/app",
  referenceRegion: "eu-west-1",
  members: [
    { region: "eu-west-1", keyId: "key-eu", arn: "", role: "member" },
    { region: "us-east-1", keyId: "key-us", arn: "", role: "member" },
  ],
  flags: [],
};

function finding(property: FindingProperty, overrides: Partial<FindingBase> = {}): Finding {
  return withSampleDetail(property, {
    id: `f-${property}`,
    familyId: mrkFamily.id,
    keyId: MRK,
    account: ACCOUNT,
    region: "eu-west-1",
    referenceRegion: "us-east-1",
    severity: "high",
    title: `eu-west-1 ${property} differs from us-east-1`,
    expected: null,
    actual: null,
    attribution: [],
    remediation: [],
    waived: false,
    ...overrides,
  });
}

let counter = 0;
function event(
  eventName: string,
  region: string,
  time: string,
  overrides: Partial<TrailEvent> = {},
): TrailEvent {
  counter += 1;
  return {
    eventId: `e${counter}-${eventName}-${region}`,
    eventTime: `2026-11-${time}:00.000Z`,
    eventName,
    region,
    account: ACCOUNT,
    actor: `arn:aws:iam::${ACCOUNT}:user/mallory`,
    keyIds: [MRK],
    requestParameters: { keyId: MRK },
    ...overrides,
  };
}

const policyEu = event("PutKeyPolicy", "eu-west-1", "20T14:02");
const policyUsOlder = event("PutKeyPolicy", "us-east-1", "18T09:00", {
  actor: `arn:aws:iam::${ACCOUNT}:role/Admin (session bob)`,
});
const policyAp = event("PutKeyPolicy", "ap-south-1", "21T10:00");
const policyFailed = event("PutKeyPolicy", "eu-west-1", "22T10:00", { errorCode: "AccessDenied" });
const policyOtherKey = event("PutKeyPolicy", "eu-west-1", "22T11:00", { keyIds: ["other"] });
const policyOtherAccount = event("PutKeyPolicy", "eu-west-1", "22T12:00", {
  account: "999999999999",
});
const grantEu = event("CreateGrant", "eu-west-1", "19T08:00");
const disableEu = event("DisableKey", "eu-west-1", "15T08:00");
const replicateToEu = event("ReplicateKey", "us-east-1", "10T08:00", {
  requestParameters: { keyId: MRK, replicaRegion: "eu-west-1" },
});
const replicateToAp = event("ReplicateKey", "us-east-1", "11T08:00", {
  requestParameters: { keyId: MRK, replicaRegion: "ap-south-1" },
});
const createEu = event("CreateKey", "eu-west-1", "10T08:01", { actor: "kms.amazonaws.com" });
const createUs = event("CreateKey", "us-east-1", "09T08:00");
const aliasEu = event("UpdateAlias", "eu-west-1", "12T08:00", { keyIds: ["key-eu"] });
const tagUsAlias = event("TagResource", "us-east-1", "13T08:00", { keyIds: ["key-us"] });
const tagEuAlias = event("TagResource", "eu-west-1", "14T08:00", { keyIds: ["key-eu"] });

const all = [
  policyEu,
  policyUsOlder,
  policyAp,
  policyFailed,
  policyOtherKey,
  policyOtherAccount,
  grantEu,
  disableEu,
  replicateToEu,
  replicateToAp,
  createEu,
  createUs,
  aliasEu,
  tagUsAlias,
  tagEuAlias,
];

describe("attributeFindings: which events explain which finding", () => {
  const cases: [string, Finding, TrailEvent[]][] = [
    [
      "policy: own region and reference region, newest first; failed, other key, other account ignored",
      finding("policy"),
      [policyEu, policyUsOlder],
    ],
    [
      "readability is explained by a policy change",
      finding("readability"),
      [policyEu, policyUsOlder],
    ],
    ["grants", finding("grants"), [grantEu]],
    [
      "state (CreateKey too: an EXTERNAL key starts PendingImport)",
      finding("state"),
      [disableEu, createEu, createUs],
    ],
    [
      "residency: the ReplicateKey (primary region) and CreateKey (replica region) that made it",
      finding("residency"),
      [createEu, replicateToEu],
    ],
    [
      "residency in ap-south-1: only the ReplicateKey naming ap-south-1",
      finding("residency", { region: "ap-south-1" }),
      [replicateToAp],
    ],
    ["replicaSet", finding("replicaSet"), [createEu, replicateToEu]],
    ["keySpec: CreateKey in either region", finding("keySpec"), [createEu, createUs]],
    ["rotation: nothing in the window", finding("rotation"), []],
    [
      "alias family: the reference region's own key",
      finding("tags", {
        familyId: aliasFamily.id,
        keyId: "key-us",
        region: "us-east-1",
        referenceRegion: "eu-west-1",
      }),
      [tagEuAlias, tagUsAlias],
    ],
    [
      "alias family aliases",
      finding("aliases", {
        familyId: aliasFamily.id,
        keyId: "key-us",
        region: "us-east-1",
        referenceRegion: "eu-west-1",
      }),
      [aliasEu],
    ],
    [
      "no reference region: own region only",
      finding("policy", { referenceRegion: null }),
      [policyEu],
    ],
  ];
  it.each(cases)("%s", (_label, input, expected) => {
    const [result] = attributeFindings([input], all, [mrkFamily, aliasFamily], coverage);
    expect(result?.attribution.map((ref) => ref.eventId)).toEqual(expected.map((e) => e.eventId));
  });

  it("writes AttributionRefs, never whole events", () => {
    const [result] = attributeFindings([finding("grants")], all, [mrkFamily], coverage);
    expect(result?.attribution).toEqual([
      {
        eventId: grantEu.eventId,
        eventTime: grantEu.eventTime,
        eventName: "CreateGrant",
        region: "eu-west-1",
        actor: grantEu.actor,
      },
    ]);
  });

  it("counts an event listed twice once", () => {
    const [result] = attributeFindings(
      [finding("grants")],
      [grantEu, grantEu],
      [mrkFamily],
      coverage,
    );
    expect(result?.attribution).toHaveLength(1);
  });
});

describe("attributeFindings: titles and notes", () => {
  it("adds the last actor and time to the title, once, even when attributed twice", () => {
    const once = attributeFindings([finding("policy")], all, [mrkFamily], coverage);
    const twice = attributeFindings(once, all, [mrkFamily], coverage);
    expect(twice[0]?.title).toBe(
      "eu-west-1 policy differs from us-east-1 — last changed by user/mallory on 2026-11-20 14:02 UTC",
    );
    expect(twice[0]?.attributionNote).toBeUndefined();
  });

  it("shortens assumed-role actors in the title", () => {
    const [result] = attributeFindings([finding("policy")], [policyUsOlder], [mrkFamily], coverage);
    expect(result?.title).toMatch(
      /last changed by role\/Admin \(session bob\) on 2026-11-18 09:00 UTC$/,
    );
  });

  const notes: [string, Map<string, TrailCoverage>, RegExp][] = [
    [
      "lookup failed in the finding's region",
      new Map<string, TrailCoverage>([
        [`${ACCOUNT}:us-east-1`, ok],
        [`${ACCOUNT}:eu-west-1`, { status: "error", reason: "connect ECONNREFUSED" }],
      ]),
      /^CloudTrail lookup failed in eu-west-1: connect ECONNREFUSED$/,
    ],
    [
      "lookup skipped",
      new Map<string, TrailCoverage>([
        [`${ACCOUNT}:us-east-1`, ok],
        [`${ACCOUNT}:eu-west-1`, { status: "skipped", reason: "--no-trail" }],
      ]),
      /^CloudTrail lookup skipped in eu-west-1: --no-trail$/,
    ],
    [
      "lookup failed in the reference region",
      new Map<string, TrailCoverage>([
        [`${ACCOUNT}:eu-west-1`, ok],
        [`${ACCOUNT}:us-east-1`, { status: "error", reason: "down" }],
      ]),
      /^CloudTrail lookup failed in us-east-1 \(reference region\): down$/,
    ],
    [
      "never looked up",
      new Map(),
      /CloudTrail was not looked up in eu-west-1; CloudTrail was not looked up in us-east-1/,
    ],
    ["covered window, nothing found", coverage, /predates the CloudTrail window/],
    [
      "truncated window",
      new Map<string, TrailCoverage>([
        [`${ACCOUNT}:us-east-1`, ok],
        [
          `${ACCOUNT}:eu-west-1`,
          {
            status: "truncated",
            from: "2026-11-15T00:00:00.000Z",
            to: ok.to,
            lookups: 20,
            events: 0,
            reason: "budget",
          },
        ],
      ]),
      /since 2026-11-15 00:00 UTC \(lookups truncated: budget\)/,
    ],
  ];
  it.each(notes)("note when %s", (_label, index, note) => {
    const [result] = attributeFindings([finding("rotation")], all, [mrkFamily], index);
    expect(result?.attribution).toEqual([]);
    expect(result?.attributionNote).toMatch(note);
    expect(result?.title).toBe("eu-west-1 rotation differs from us-east-1");
  });

  it("accepts coverage as a plain record and leaves its inputs untouched", () => {
    const input = finding("rotation");
    const frozen = structuredClone(input);
    const [result] = attributeFindings([input], all, [mrkFamily], Object.fromEntries(coverage));
    expect(result?.attributionNote).toMatch(/predates/);
    expect(input).toEqual(frozen);
  });
});
