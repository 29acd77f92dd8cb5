import { describe, expect, it } from "vitest";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { Grant, KeyRecord, KeyState, PolicyStatement } from "../domain/key-record";
import { detectFindings } from "./detect-findings";
import { type BaselineStatement, type DriftRules, emptyDriftRules } from "./rules-schema";
import { ACCOUNT, makeAliasFamily, makeMrkFamily } from "./test-fixtures";

const NOW = new Date("2026-06-01T12:00:00Z");
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2"];

type Mutate = (keys: KeyRecord[], family: Family) => void;

function run(
  mutate: Mutate,
  rules: Partial<DriftRules> = {},
  kind: "mrk" | "alias" = "mrk",
): Finding[] {
  const { family, keys } = kind === "mrk" ? makeMrkFamily(REGIONS) : makeAliasFamily(REGIONS);
  mutate(keys, family);
  return detectFindings({
    keys,
    families: [family],
    rules: { ...emptyDriftRules(), ...rules },
    now: NOW,
  });
}

const key = (keys: KeyRecord[], region: string): KeyRecord => {
  const k = keys.find((x) => x.region === region);
  if (!k) throw new Error(`no key in ${region}`);
  return k;
};
const statements = (k: KeyRecord): PolicyStatement[] => {
  const s = k.policy?.Statement ?? [];
  return Array.isArray(s) ? s : [s];
};
const addStatement = (k: KeyRecord, s: PolicyStatement): void => {
  if (k.policy) k.policy.Statement = [...statements(k), s];
};
const brief = (fs: Finding[]) => fs.map((f) => [f.property, f.severity, f.region]);
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const grant = (over: Partial<Grant> = {}): Grant => ({
  grantId: Math.random().toString(16).slice(2),
  name: "",
  granteePrincipal: role("worker"),
  operations: ["Decrypt", "Encrypt"],
  ...over,
});

describe("in sync", () => {
  it.each([["mrk"], ["alias"]] as const)("a %s family read in sync has no findings", (kind) => {
    expect(run(() => {}, {}, kind)).toEqual([]);
  });

  it("a policy differing only in order, Sids, whitespace and its own region is in sync", () => {
    const found = run((keys) => {
      const k = key(keys, "eu-west-1");
      if (k.policy)
        k.policy.Statement = statements(k)
          .reverse()
          .map(({ Sid: _sid, ...s }) => s);
    });
    expect(found).toEqual([]);
  });
});

describe("key policy", () => {
  it.each<[string, Mutate, string, RegExp]>([
    [
      "wider access",
      (keys) =>
        addStatement(key(keys, "eu-west-1"), {
          Effect: "Allow",
          Principal: { AWS: role("analytics-export") },
          Action: "kms:Decrypt",
          Resource: "*",
        }),
      "high",
      /^role\/analytics-export of account 111122223333 can now call kms:Decrypt with no IAM permission of its own — statement #4 of eu-west-1; denied in us-east-1 because only the account is named, and the caller's IAM policies grant nothing$/,
    ],
    [
      "a Deny removed",
      (keys) => {
        for (const k of keys)
          addStatement(k, {
            Effect: "Deny",
            Principal: { AWS: role("contractor") },
            Action: "kms:ScheduleKeyDeletion",
            Resource: "*",
          });
        const k = key(keys, "eu-west-1");
        if (k.policy) k.policy.Statement = statements(k).filter((s) => s.Effect !== "Deny");
      },
      "critical",
      /^role\/contractor of account 111122223333 can now call kms:ScheduleKeyDeletion when its own IAM policies allow it — statement `Enable IAM User Permissions` of eu-west-1; denied in us-east-1 because an explicit Deny applies \(statement #4\)$/,
    ],
    [
      "kms:* to a new principal",
      (keys) =>
        addStatement(key(keys, "eu-west-1"), {
          Effect: "Allow",
          Principal: { AWS: role("intruder") },
          Action: "kms:*",
          Resource: "*",
        }),
      "critical",
      /^role\/intruder of account 111122223333 can now call kms:CancelKeyDeletion .*; \d+ more access changes$/,
    ],
    [
      "narrower access",
      (keys) => {
        const k = key(keys, "eu-west-1");
        if (k.policy)
          k.policy.Statement = statements(k).filter((s) => s.Sid !== "Allow use by the app");
      },
      "medium",
      /^role\/app of account 111122223333 can no longer call kms:Decrypt via s3\.eu-west-1\.amazonaws\.com with no IAM permission of its own — allowed by statement `Allow use by the app` of us-east-1; denied in eu-west-1 because only the account is named, and the caller's IAM policies grant nothing; 5 more access changes$/,
    ],
    [
      "NotPrincipal",
      (keys) =>
        addStatement(key(keys, "eu-west-1"), {
          Effect: "Deny",
          NotPrincipal: { AWS: role("admin") },
          Action: "kms:PutKeyPolicy",
          Resource: "*",
        }),
      "medium",
      /^the root user of account 111122223333 can no longer call kms:PutKeyPolicy .*denied in eu-west-1 because an explicit Deny applies \(statement #4\); \d+ more access changes$/,
    ],
    [
      "an unknown condition operator",
      (keys) =>
        addStatement(key(keys, "eu-west-1"), {
          Effect: "Allow",
          Principal: { AWS: role("x") },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { StringFuzzy: { "aws:username": "x" } },
        }),
      "medium",
      /cannot decide .*condition operator StringFuzzy/,
    ],
  ])("%s", (_name, mutate, severity, title) => {
    const found = run(mutate);
    expect(brief(found)).toEqual([["policy", severity, "eu-west-1"]]);
    expect(found[0]?.title).toMatch(title);
    expect(found[0]?.remediation[0]).toMatch(
      /^aws kms put-key-policy --region eu-west-1 --key-id mrk-\S+ --policy-name default --policy '\{/,
    );
    expect(found[0]?.remediation[0]).not.toContain("us-east-1");
  });

  describe("a statement that grants no KMS action reads differently and allows the same", () => {
    const mutate: Mutate = (keys) =>
      addStatement(key(keys, "eu-west-1"), {
        Effect: "Allow",
        Principal: { AWS: role("x") },
        Action: "s3:GetObject",
        Resource: "*",
      });
    it("is no finding by default", () => {
      expect(run(mutate)).toEqual([]);
    });
    it('is an info finding with policyText "strict"', () => {
      const found = run(mutate, { policyText: "strict" });
      expect(brief(found)).toEqual([["policy", "info", "eu-west-1"]]);
      expect(found[0]?.title).toBe(
        "key policy in eu-west-1 reads differently from us-east-1 but allows the same",
      );
    });
  });

  it("lists DR readiness gaps: principals that can use the key in the reference only", () => {
    const [f] = run((keys) => {
      const k = key(keys, "eu-west-1");
      if (k.policy)
        k.policy.Statement = statements(k).filter((s) => s.Sid !== "Allow use by the app");
    });
    expect((f?.detail as { drReadiness: unknown }).drReadiness).toEqual([
      {
        principal: `role/app of account ${ACCOUNT}`,
        region: "eu-west-1",
        missing: [
          "kms:Decrypt",
          "kms:Encrypt",
          "kms:GenerateDataKey",
          "kms:GenerateDataKeyPair",
          "kms:GenerateDataKeyPairWithoutPlaintext",
          "kms:GenerateDataKeyWithoutPlaintext",
        ],
        reason: "policy",
      },
    ]);
  });

  it("a policy that says the reference's region instead of its own is drift", () => {
    const found = run((keys) => {
      const k = key(keys, "eu-west-1");
      k.policy = makeMrkFamily(["us-east-1"]).keys[0]?.policy ?? null;
    });
    expect(brief(found)).toEqual([["policy", "high", "eu-west-1"]]);
  });
});

describe("grants", () => {
  it.each<[string, Mutate, [string, string, string][]]>([
    ["same meaning, other grant ids", (keys) => keys.forEach((k) => (k.grants = [grant()])), []],
    [
      "an extra user grant",
      (keys) => (key(keys, "eu-west-1").grants = [grant()]),
      [["grants", "high", "eu-west-1"]],
    ],
    [
      "a missing user grant",
      (keys) =>
        (key(keys, "us-east-1").grants = [
          grant({ constraints: { encryptionContextSubset: { dept: "it" } } }),
        ]),
      [
        ["grants", "medium", "eu-west-1"],
        ["grants", "medium", "ap-southeast-2"],
      ],
    ],
    [
      // Fewer operations allow less: narrower (the statement-text era called it wider).
      "fewer operations",
      (keys) =>
        keys.forEach(
          (k) =>
            (k.grants = [
              grant({
                operations: k.region === "eu-west-1" ? ["Decrypt"] : ["Decrypt", "Encrypt"],
              }),
            ]),
        ),
      [["grants", "medium", "eu-west-1"]],
    ],
    [
      "an extra grant the reference's grants already cover",
      (keys) => {
        keys.forEach((k) => (k.grants = [grant()]));
        key(keys, "eu-west-1").grants?.push(grant({ operations: ["Decrypt"] }));
      },
      [],
    ],
    [
      "EncryptionContextSubset where the reference has EncryptionContextEquals",
      (keys) =>
        keys.forEach(
          (k) =>
            (k.grants = [
              grant({
                constraints:
                  k.region === "eu-west-1"
                    ? { encryptionContextSubset: { dept: "it" } }
                    : { encryptionContextEquals: { dept: "it" } },
              }),
            ]),
        ),
      [["grants", "high", "eu-west-1"]],
    ],
    [
      "an AWS service grant set apart",
      (keys) =>
        (key(keys, "eu-west-1").grants = [
          grant({ granteePrincipal: "logs.eu-west-1.amazonaws.com" }),
        ]),
      [["grants", "low", "eu-west-1"]],
    ],
    [
      "a regional service grantee in its own region is in sync",
      (keys) =>
        keys.forEach(
          (k) => (k.grants = [grant({ granteePrincipal: `logs.${k.region}.amazonaws.com` })]),
        ),
      [],
    ],
  ])("%s", (_name, mutate, expected) => {
    expect(brief(run(mutate))).toEqual(expected);
  });

  it("suggests create-grant for a missing grant and revoke-grant for an extra one", () => {
    const found = run((keys) => {
      key(keys, "us-east-1").grants = [grant({ name: "it's $HOME" })];
      key(keys, "eu-west-1").grants = [
        grant({ grantId: "abc123", granteePrincipal: role("other") }),
      ];
      key(keys, "ap-southeast-2").grants = [grant()];
    });
    expect(found.map((f) => f.remediation)).toEqual([
      [
        `aws kms create-grant --region eu-west-1 --key-id ${found[0]?.keyId} --grantee-principal ${role("worker")} --operations Decrypt Encrypt --name 'it'\\''s $HOME'`,
        `aws kms revoke-grant --region eu-west-1 --key-id ${found[0]?.keyId} --grant-id abc123`,
      ],
    ]);
  });
});

describe("aliases", () => {
  it.each<[string, "mrk" | "alias", Mutate, [string, string, string][]]>([
    [
      "missing alias",
      "mrk",
      (keys) => (key(keys, "eu-west-1").aliases = []),
      [["aliases", "medium", "eu-west-1"]],
    ],
    [
      "extra alias",
      "mrk",
      (keys) => key(keys, "eu-west-1").aliases?.push("alias/extra"),
      [["aliases", "low", "eu-west-1"]],
    ],
    [
      "an alias family's own alias is present by definition",
      "alias",
      (keys) => (key(keys, "eu-west-1").aliases = []),
      [],
    ],
  ])("%s", (_name, kind, mutate, expected) => {
    const found = run(mutate, {}, kind);
    expect(brief(found)).toEqual(expected);
  });

  it("suggests create-alias for the missing one", () => {
    const [f] = run((keys) => (key(keys, "eu-west-1").aliases = []));
    expect(f?.remediation).toEqual([
      `aws kms create-alias --region eu-west-1 --alias-name alias/payments --target-key-id ${f?.keyId}`,
    ]);
  });
});

describe("state", () => {
  it.each<[KeyState, KeyState, string | null, string[]]>([
    ["Enabled", "Disabled", "high", ["enable-key"]],
    ["Enabled", "PendingDeletion", "high", ["cancel-key-deletion", "enable-key"]],
    ["Enabled", "PendingReplicaDeletion", "high", ["cancel-key-deletion", "enable-key"]],
    ["Enabled", "Unavailable", "high", []],
    ["Disabled", "Enabled", "medium", ["disable-key"]],
    ["PendingDeletion", "Enabled", "medium", ["schedule-key-deletion"]],
    ["Disabled", "PendingDeletion", "medium", ["cancel-key-deletion"]],
    ["Enabled", "Updating", "info", []],
    ["Creating", "Enabled", "info", []],
    ["Disabled", "Disabled", null, []],
  ])("reference %s, replica %s", (refState, state, severity, commands) => {
    const found = run((keys) => {
      key(keys, "us-east-1").metadata.KeyState = refState;
      key(keys, "eu-west-1").metadata.KeyState = state;
      key(keys, "ap-southeast-2").metadata.KeyState = refState;
    }).filter((f) => f.property === "state");
    expect(brief(found)).toEqual(severity ? [["state", severity, "eu-west-1"]] : []);
    expect(found.flatMap((f) => f.remediation.map((c) => c.split(" ")[2]))).toEqual(commands);
  });
});

describe("description, tags, shared properties", () => {
  it("description differs: low, with update-key-description", () => {
    const found = run((keys) => (key(keys, "eu-west-1").metadata.Description = "old"));
    expect(brief(found)).toEqual([["description", "low", "eu-west-1"]]);
    expect(found[0]?.remediation[0]).toContain("update-key-description --region eu-west-1");
    expect(found[0]?.remediation[0]).toContain("--description 'payments key'");
  });

  it("tags added, removed and changed", () => {
    const [f] = run((keys) => (key(keys, "eu-west-1").tags = { team: "other", extra: "1" }));
    expect(f?.property).toBe("tags");
    expect(f?.severity).toBe("low");
    expect(f?.detail).toMatchObject({
      added: [{ key: "extra", value: "1" }],
      removed: [{ key: "data-class", value: "internal" }],
      changed: [{ key: "team", expected: "payments", actual: "other" }],
    });
    expect(f?.remediation.map((c) => c.split(" ")[2])).toEqual(["tag-resource", "untag-resource"]);
  });

  it.each<["mrk" | "alias", string, boolean]>([
    ["mrk", "info", false],
    ["alias", "medium", true],
  ])("key spec and rotation in a %s family: %s", (kind, severity, hasFix) => {
    const found = run(
      (keys) => {
        const k = key(keys, "eu-west-1");
        k.metadata.KeySpec = "RSA_2048";
        k.rotation = { enabled: false };
      },
      {},
      kind,
    );
    expect(brief(found)).toEqual([
      ["keySpec", severity, "eu-west-1"],
      ["rotation", severity, "eu-west-1"],
    ]);
    expect(found[1]?.remediation.length).toBe(hasFix ? 1 : 0);
  });

  it("rotation reported off while pending deletion is not a rotation difference", () => {
    const found = run((keys) => {
      const k = key(keys, "eu-west-1");
      k.metadata.KeyState = "PendingDeletion";
      k.rotation = { enabled: false };
    });
    expect(found.map((f) => f.property)).toEqual(["state"]);
  });
});

describe("readability", () => {
  it("an unreadable policy is a readability finding, never policy drift", () => {
    const found = run((keys) => {
      const k = key(keys, "eu-west-1");
      k.policy = null;
      k.errors = [{ property: "policy", code: "AccessDeniedException", message: "not allowed" }];
    });
    expect(brief(found)).toEqual([["readability", "medium", "eu-west-1"]]);
    expect(found[0]?.title).toBe("policy in eu-west-1 could not be read: AccessDeniedException");
  });

  it("a malformed policy says so", () => {
    const found = run((keys) => {
      key(keys, "us-east-1").policy = null;
      key(keys, "us-east-1").errors = [
        { property: "policy", code: "MalformedPolicyDocument", message: "bad json" },
      ];
    });
    expect(brief(found)).toEqual([["readability", "medium", "us-east-1"]]);
    expect(found[0]?.title).toMatch(/could not be parsed/);
  });

  it("a member with no record", () => {
    const { family, keys } = makeMrkFamily(REGIONS);
    const found = detectFindings({
      keys: keys.slice(0, 2),
      families: [family],
      rules: emptyDriftRules(),
      now: NOW,
    });
    expect(brief(found)).toEqual([["readability", "medium", "ap-southeast-2"]]);
  });

  it("no reference region: nothing compared, flagged", () => {
    const found = run((keys, family) => {
      family.referenceRegion = null;
      key(keys, "eu-west-1").metadata.Description = "different";
    });
    expect(brief(found)).toEqual([["replicaSet", "medium", "us-east-1"]]);
    expect(found[0]?.detail).toMatchObject({ referenceUnknown: true });
  });
});

describe("replica set", () => {
  it.each<[string, Mutate, [string, string, string][]]>([
    [
      "the primary lists a replica the scan did not find",
      (keys, family) => {
        family.members = family.members.filter((m) => m.region !== "ap-southeast-2");
      },
      [["replicaSet", "medium", "ap-southeast-2"]],
    ],
    [
      "a listed replica in a region the scan did not read is unknown, not missing",
      (keys, family) => {
        family.members = family.members.filter((m) => m.region !== "ap-southeast-2");
        family.flags = ["members-not-scanned", "not-scanned:ap-southeast-2"];
      },
      [],
    ],
    [
      "a member the primary does not list",
      (keys) => {
        const mrc = key(keys, "us-east-1").metadata.MultiRegionConfiguration;
        if (mrc) mrc.ReplicaKeys = mrc.ReplicaKeys.filter((r) => r.Region !== "eu-west-1");
      },
      [["replicaSet", "medium", "eu-west-1"]],
    ],
    [
      "Updating is tolerated (info at most)",
      (keys, family) => {
        family.flags = ["primary-updating"];
        const mrc = key(keys, "us-east-1").metadata.MultiRegionConfiguration;
        if (mrc) mrc.ReplicaKeys = mrc.ReplicaKeys.filter((r) => r.Region !== "eu-west-1");
      },
      [["replicaSet", "info", "eu-west-1"]],
    ],
  ])("%s", (_name, mutate, expected) => {
    expect(brief(run(mutate))).toEqual(expected);
  });

  it("expected replicas: missing and extra regions", () => {
    const found = run(() => {}, {
      expectedReplicas: [
        {
          selector: { aliasPrefix: "alias/pay" },
          regions: ["us-east-1", "eu-west-1", "eu-central-1"],
        },
      ],
    });
    expect(brief(found)).toEqual([
      ["replicaSet", "medium", "eu-central-1"],
      ["replicaSet", "medium", "ap-southeast-2"],
    ]);
    expect(found[0]?.remediation[0]).toMatch(
      /^aws kms replicate-key --region us-east-1 --key-id mrk-\S+ --replica-region eu-central-1$/,
    );
  });

  it("expected replicas for a family the selector does not pick: nothing", () => {
    expect(
      run(() => {}, {
        expectedReplicas: [{ selector: { alias: "alias/other*" }, regions: ["us-east-1"] }],
      }),
    ).toEqual([]);
  });
});

describe("residency", () => {
  it.each<[string, DriftRules["residency"], string[]]>([
    [
      "tag selector, eu-* only",
      [{ name: "eu", selector: { tag: { team: "payments" } }, allowedRegions: ["eu-*"] }],
      ["us-east-1", "ap-southeast-2"],
    ],
    [
      "alias glob, two globs",
      [{ name: "x", selector: { alias: "alias/pay*" }, allowedRegions: ["eu-*", "us-*"] }],
      ["ap-southeast-2"],
    ],
    [
      "selector that does not match",
      [{ name: "x", selector: { tag: { team: "other" } }, allowedRegions: ["eu-*"] }],
      [],
    ],
    [
      "key id selector",
      [{ name: "x", selector: { keyId: "mrk-*" }, allowedRegions: ["*-west-*", "us-*"] }],
      ["ap-southeast-2"],
    ],
  ])("%s", (_name, residency, regions) => {
    const found = run(() => {}, { residency });
    expect(found.map((f) => [f.property, f.severity, f.region])).toEqual(
      regions.map((r) => ["residency", "high", r]),
    );
  });
});

describe("baselines", () => {
  const baseline = (extra: BaselineStatement[] = []): DriftRules["baselines"] => [
    {
      selector: { alias: "alias/payments" },
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:${partition}:iam::${account}:root" },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Effect: "Allow",
            Principal: { AWS: "arn:${partition}:iam::${account}:role/app" },
            Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"],
            Resource: "*",
            Condition: { StringEquals: { "kms:ViaService": "s3.${region}.amazonaws.com" } },
          },
          {
            Effect: "Allow",
            Principal: { Service: "logs.${region}.amazonaws.com" },
            Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
            Resource: "*",
            Condition: {
              ArnLike: {
                "kms:EncryptionContext:aws:logs:arn":
                  "arn:${partition}:logs:${region}:${account}:log-group:*",
              },
            },
          },
          ...extra,
        ],
      },
    },
  ];

  it("every region matching its instantiated template: no finding", () => {
    expect(run(() => {}, { baselines: baseline() })).toEqual([]);
  });

  it("every region, the reference included, is checked against the baseline", () => {
    const found = run(() => {}, {
      baselines: baseline([
        {
          Effect: "Allow",
          Principal: { AWS: "arn:${partition}:iam::${account}:role/dr" },
          Action: "kms:Decrypt",
          Resource: "*",
        },
      ]),
    });
    expect(brief(found)).toEqual(REGIONS.map((r) => ["policy", "medium", r]));
    expect(found[0]?.title).toMatch(
      /^role\/dr of account 111122223333 can no longer call kms:Decrypt .* of the baseline; denied in us-east-1 because /,
    );
  });
});

describe("severity overrides", () => {
  const drift: Mutate = (keys) => (key(keys, "eu-west-1").tags = {});
  it.each<[string, DriftRules["severity"], string]>([
    ["default", [], "low"],
    ["by property", [{ property: "tags", severity: "high" }], "high"],
    [
      "by property and rule name",
      [{ property: "tags", when: "tags", severity: "critical" }],
      "critical",
    ],
    [
      "rule name that does not apply",
      [{ property: "tags", when: "alias-missing", severity: "critical" }],
      "low",
    ],
    [
      "selector that does not match",
      [{ property: "tags", selector: { alias: "alias/nope" }, severity: "high" }],
      "low",
    ],
    [
      "last match wins",
      [
        { property: "tags", severity: "high" },
        { property: "tags", severity: "info" },
      ],
      "info",
    ],
  ])("%s", (_name, severity, expected) => {
    expect(run(drift, { severity })[0]?.severity).toBe(expected);
  });
});

describe("waivers", () => {
  const drift: Mutate = (keys) => (key(keys, "eu-west-1").metadata.Description = "old");
  const idOf = () => run(drift)[0]?.id ?? "";

  it("by finding id: waived, kept in the list, waiver attached", () => {
    const found = run(drift, {
      waivers: [
        { finding: idOf(), reason: "legacy", owner: "a@example.com", expires: "2026-06-01" },
      ],
    });
    expect(found).toHaveLength(1);
    expect(found[0]?.waived).toBe(true);
    expect(found[0]?.waiver).toEqual({
      reason: "legacy",
      owner: "a@example.com",
      expires: "2026-06-01",
      match: idOf(),
    });
  });

  it.each<[string, { family?: string; property?: string; region?: string }, boolean]>([
    ["family glob", { family: `${ACCOUNT}:mrk-*` }, true],
    ["property and region globs", { property: "desc*", region: "eu-*" }, true],
    ["region that does not match", { region: "ap-*" }, false],
  ])("by match: %s", (_name, match, waived) => {
    const found = run(drift, {
      waivers: [{ match, reason: "r", owner: "o", expires: "2027-01-01" }],
    });
    expect(found.map((f) => f.waived)).toEqual([waived]);
  });

  it("an expired waiver stops applying and is reported as info", () => {
    const found = run(drift, {
      waivers: [{ finding: idOf(), reason: "legacy", owner: "o", expires: "2026-05-31" }],
    });
    expect(found.map((f) => [f.property, f.severity, f.waived])).toEqual([
      ["description", "low", false],
      ["description", "info", false],
    ]);
    expect(found[1]?.title).toBe(`waiver expired: ${found[0]?.title}`);
    expect(found[1]?.id).not.toBe(found[0]?.id);
  });
});

describe("finding ids", () => {
  it("the same drift keeps its id; another drift gets another", () => {
    const a = run((keys) => (key(keys, "eu-west-1").metadata.Description = "x"));
    const b = run((keys) => (key(keys, "eu-west-1").metadata.Description = "x"));
    const c = run((keys) => (key(keys, "eu-west-1").metadata.Description = "y"));
    expect(a[0]?.id).toBe(b[0]?.id);
    expect(a[0]?.id).not.toBe(c[0]?.id);
    expect(a[0]).toMatchObject({
      attribution: [],
      familyId: `${ACCOUNT}:mrk-1234abcd12ab34cd56ef1234567890ab`,
      referenceRegion: "us-east-1",
    });
  });
});
