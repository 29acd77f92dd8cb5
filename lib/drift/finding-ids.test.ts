import { describe, expect, it } from "vitest";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord, PolicyStatement } from "../domain/key-record";
import { detectFindings } from "./detect-findings";
import { coverageFromRegions } from "./region-coverage";
import { emptyDriftRules } from "./rules-schema";

/*
 * Finding ids are a contract: waivers name them, and the store matches snapshots by them. An id is
 * sha256(family id, property, region, what differs) cut to 16 hex digits (lib/domain/finding-id.ts);
 * the title is not part of it. The ids below were computed outside kms-drift, with
 *   printf '%s\0%s\0%s\0%s' FAMILY PROPERTY REGION WHAT | sha256sum | cut -c1-16
 * from the "what differs" text each detector documents (given beside each id). A change here means
 * every stored waiver and comparison for that kind of finding stops matching: it needs a migration,
 * never a silent edit of these literals.
 */

const ACCOUNT = "111122223333";
const MRK = "mrk-0123456789abcdef0123456789abcdef";
const NOW = new Date("2026-11-30T12:00:00.000Z");

const arn = (region: string, keyId: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${keyId}`;

const ROOT_STATEMENT: PolicyStatement = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: "kms:*",
  Resource: "*",
};

function key(region: string, keyId: string, overrides: Partial<KeyRecord> = {}): KeyRecord {
  const { metadata, ...rest } = overrides;
  return {
    account: ACCOUNT,
    region,
    keyId,
    arn: arn(region, keyId),
    metadata: {
      AWSAccountId: ACCOUNT,
      KeyId: keyId,
      Arn: arn(region, keyId),
      CreationDate: "2026-01-01T00:00:00.000Z",
      Enabled: true,
      Description: "orders key",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeyState: "Enabled",
      Origin: "AWS_KMS",
      KeyManager: "CUSTOMER",
      KeySpec: "SYMMETRIC_DEFAULT",
      MultiRegion: keyId.startsWith("mrk-"),
      ...metadata,
    },
    audited: true,
    policy: { Version: "2012-10-17", Statement: [ROOT_STATEMENT] },
    grants: [],
    aliases: ["alias/orders"],
    tags: { team: "orders" },
    rotation: { enabled: true, periodDays: 365 },
    lastUse: null,
    errors: [],
    ...rest,
  };
}

const replicaRefs = ["eu-west-1", "ap-southeast-2", "sa-east-1"].map((r) => ({
  Arn: arn(r, MRK),
  Region: r,
}));
const mrkConfig = (type: "PRIMARY" | "REPLICA") => ({
  MultiRegionKeyType: type,
  PrimaryKey: { Arn: arn("us-east-1", MRK), Region: "us-east-1" },
  ReplicaKeys: replicaRefs,
});

/** The primary lists a replica in sa-east-1 that does not exist; eu-west-1 and ap-southeast-2 drift. */
const mrkKeys: KeyRecord[] = [
  key("us-east-1", MRK, {
    metadata: { ...key("us-east-1", MRK).metadata, MultiRegionConfiguration: mrkConfig("PRIMARY") },
  }),
  key("eu-west-1", MRK, {
    metadata: {
      ...key("eu-west-1", MRK).metadata,
      Description: "orders key (old)",
      MultiRegionConfiguration: mrkConfig("REPLICA"),
    },
    policy: {
      Version: "2012-10-17",
      Statement: [
        ROOT_STATEMENT,
        {
          Sid: "Export",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/exporter` },
          Action: "kms:Decrypt",
          Resource: "*",
        },
      ],
    },
    grants: [
      {
        grantId: "g-1",
        name: "",
        granteePrincipal: `arn:aws:iam::${ACCOUNT}:role/batch`,
        operations: ["Decrypt"],
      },
    ],
    aliases: [],
    tags: { team: "payments", extra: "x" },
    lastUse: { trackingStartDate: "2026-08-01T00:00:00.000Z", lastUsed: null },
  }),
  key("ap-southeast-2", MRK, {
    metadata: {
      ...key("ap-southeast-2", MRK).metadata,
      Enabled: false,
      KeyState: "Disabled",
      MultiRegionConfiguration: mrkConfig("REPLICA"),
    },
    grants: null,
    errors: [{ property: "grants", code: "AccessDeniedException", message: "not authorized" }],
  }),
];

const mrkFamily: Family = {
  id: `${ACCOUNT}:${MRK}`,
  kind: "multi-region",
  account: ACCOUNT,
  name: MRK,
  referenceRegion: "us-east-1",
  members: mrkKeys.map((k) => ({
    region: k.region,
    keyId: k.keyId,
    arn: k.arn,
    role: k.region === "us-east-1" ? "primary" : "replica",
  })),
  flags: [],
};

const REPORTS_US = "11111111-aaaa-bbbb-cccc-000000000001";
const REPORTS_EU = "22222222-aaaa-bbbb-cccc-000000000002";
const reportsKeys: KeyRecord[] = [
  key("us-east-1", REPORTS_US, { aliases: ["alias/reports"] }),
  key("eu-west-1", REPORTS_EU, {
    metadata: { ...key("eu-west-1", REPORTS_EU).metadata, KeySpec: "RSA_2048" },
    aliases: ["alias/reports"],
    rotation: { enabled: false },
  }),
];
const reportsFamily: Family = {
  id: `${ACCOUNT}:alias/reports`,
  kind: "alias",
  account: ACCOUNT,
  name: "alias/reports",
  referenceRegion: "us-east-1",
  members: reportsKeys.map((k) => ({
    region: k.region,
    keyId: k.keyId,
    arn: k.arn,
    role: "member",
  })),
  flags: [],
};

const ARCHIVE_US = "33333333-aaaa-bbbb-cccc-000000000003";
const archiveKeys = [key("us-east-1", ARCHIVE_US, { aliases: ["alias/archive"] })];
/** Its reference region (eu-central-1 comes first by name) failed: nothing in it was compared. */
const archiveFamily: Family = {
  id: `${ACCOUNT}:alias/archive`,
  kind: "alias",
  account: ACCOUNT,
  name: "alias/archive",
  referenceRegion: null,
  members: [
    { region: "us-east-1", keyId: ARCHIVE_US, arn: arn("us-east-1", ARCHIVE_US), role: "member" },
  ],
  flags: ["reference-not-read:eu-central-1"],
};

const regionScan = (region: string, status: "ok" | "error") => ({
  account: ACCOUNT,
  region,
  status,
  ...(status === "error" ? { error: "connection refused" } : {}),
});

function scan(): Finding[] {
  const keys = [...mrkKeys, ...reportsKeys, ...archiveKeys];
  const rules = emptyDriftRules();
  rules.residency = [{ name: "eu-and-us", selector: {}, allowedRegions: ["eu-*", "us-*"] }];
  rules.waivers = [
    // Expired two days ago: the description finding is reported, with a "waiver expired" notice.
    { finding: "f16f65e9028fa93c", reason: "migration", owner: "team-a", expires: "2026-11-28" },
    // Live: the rotation finding is waived, and keeps its id.
    {
      match: { family: reportsFamily.id, property: "rotation" },
      reason: "rotation moves in Q1",
      owner: "team-b",
      expires: "2099-01-01",
    },
  ];
  return detectFindings({
    keys,
    families: [mrkFamily, reportsFamily, archiveFamily],
    rules,
    now: NOW,
    coverage: coverageFromRegions(
      [
        regionScan("us-east-1", "ok"),
        regionScan("eu-west-1", "ok"),
        regionScan("ap-southeast-2", "ok"),
        regionScan("eu-central-1", "error"),
      ],
      keys,
    ),
  });
}

/** `property region` → id, with the "what differs" text each id was computed from. */
const GOLDEN: Record<string, string> = {
  // listed-not-found:sa-east-1
  "replicaSet sa-east-1": "e82aac9167df22ca",
  // eu-and-us:ap-southeast-2 (residency rule name : region)
  "residency ap-southeast-2": "2b6730d337438646",
  // grants:AccessDeniedException (unread property : error code)
  "readability ap-southeast-2": "9a68e36233395451",
  // the statement diff as JSON, then |wider:
  // {"added":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/exporter"]},"Action":["kms:Decrypt"],"Resource":["*"]}],"removed":[],"changed":[]}|wider
  "policy eu-west-1": "19be912e854b3c08",
  // {"service":false,"delta":[["gained","arn:aws:iam::111122223333:role/batch","Decrypt",{"encryptionContext":{}}]]}
  "grants eu-west-1": "e99af828a8408dc4",
  // missing:alias/orders
  "aliases eu-west-1": "32b5e1075542c25f",
  // Enabled->Disabled
  "state ap-southeast-2": "39d1db3142708221",
  // ["orders key","orders key (old)"]
  "description eu-west-1": "f16f65e9028fa93c",
  // {"added":["extra"],"removed":[],"changed":[["team","payments"]]}
  "tags eu-west-1": "43d93898d455bc8b",
  // dormant
  "usage eu-west-1": "a7640a846a0485c8",
  // SYMMETRIC_DEFAULT->RSA_2048
  "keySpec eu-west-1": "30dc141c3372b1fb",
  // [{"enabled":true,"periodDays":365},{"enabled":false,"periodDays":null}]
  "rotation eu-west-1": "5624c7baae06713b",
  // reference-not-read:eu-central-1
  "readability eu-central-1": "b7c4b758e7e6dce2",
};
/** waiver-expired:f16f65e9028fa93c:2026-11-28 (the covered finding's id : the waiver's expiry). */
const WAIVER_EXPIRED_ID = "8c84e9c4c5d749f1";

describe("finding ids", () => {
  const findings = scan();

  it("are the committed golden ids for every kind of finding", () => {
    const drawn = findings.filter((f) => f.detail.rule !== "waiver-expired");
    const byKey = Object.fromEntries(drawn.map((f) => [`${f.property} ${f.region}`, f.id]));
    expect(byKey).toEqual(GOLDEN);
    expect(new Set(drawn.map((f) => f.id)).size).toBe(drawn.length);
  });

  it("give a waiver-expired notice its own id, derived from the covered finding's id", () => {
    const notices = findings.filter((f) => f.detail.rule === "waiver-expired");
    expect(notices.map((f) => [f.property, f.region, f.id])).toEqual([
      ["description", "eu-west-1", WAIVER_EXPIRED_ID],
    ]);
  });

  it("do not change when a finding is waived", () => {
    const rotation = findings.find((f) => f.property === "rotation");
    expect(rotation?.waived).toBe(true);
    expect(rotation?.id).toBe(GOLDEN["rotation eu-west-1"]);
  });

  it("do not depend on the order AWS lists statements, tags or aliases in", () => {
    const eu = mrkKeys[1];
    const statements = eu?.policy?.Statement;
    if (!eu?.policy || !Array.isArray(statements) || !eu.tags) throw new Error("fixture");
    const before = findings.map((f) => f.id).sort();
    const saved = { statements, tags: eu.tags };
    try {
      eu.policy.Statement = [...statements].reverse();
      eu.tags = Object.fromEntries(Object.entries(eu.tags).reverse());
      expect(
        scan()
          .map((f) => f.id)
          .sort(),
      ).toEqual(before);
    } finally {
      eu.policy.Statement = saved.statements;
      eu.tags = saved.tags;
    }
  });
});
