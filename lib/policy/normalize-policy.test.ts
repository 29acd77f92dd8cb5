import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../domain/key-record";
import { comparePolicies } from "./compare";
import { normalizePolicy, toPolicyDocument } from "./normalize-policy";
import {
  allowPolicyTemplateArb,
  instantiate,
  policyTemplateArb,
  REGIONS,
  reshuffle,
  TEST_ACCOUNT,
} from "./testing/arbitraries";

const ctx = (region: string) => ({ region, partition: "aws" });
const place = (region: string) => ({
  region,
  partition: "aws",
  account: TEST_ACCOUNT,
  keyId: "mrk-1",
});
const compare = (reference: PolicyDocument, a: string, actual: PolicyDocument, b: string) =>
  comparePolicies({ policy: reference, place: place(a) }, { policy: actual, place: place(b) });
const regionPair = fc.tuple(fc.constantFrom(...REGIONS), fc.constantFrom(...REGIONS));
const rng = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) % 10_000) / 10_000;
};

describe("normalizePolicy", () => {
  it.each<[string, PolicyDocument, PolicyDocument]>([
    [
      "scalar vs array and action case",
      {
        Statement: {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:role/a" },
          Action: "kms:decrypt",
          Resource: "*",
        },
      },
      {
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: ["arn:aws:iam::111122223333:role/a"] },
            Action: ["kms:Decrypt"],
            Resource: ["*"],
          },
        ],
      },
    ],
    [
      "account id vs root ARN, Sid",
      {
        Statement: [
          {
            Sid: "x",
            Effect: "Allow",
            Principal: { AWS: "111122223333" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      },
      {
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      },
    ],
    [
      "Principal * vs AWS *",
      { Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }] },
      {
        Statement: [
          { Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:Decrypt", Resource: "*" },
        ],
      },
    ],
  ])("%s", (_name, a, b) => {
    expect(normalizePolicy(a, ctx("us-east-1"))).toEqual(normalizePolicy(b, ctx("us-east-1")));
  });

  it("writes the own region as a placeholder in ARNs, service principals and ViaService values, partition-aware", () => {
    const doc: PolicyDocument = {
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "logs.cn-north-1.amazonaws.com.cn" },
          Action: "kms:Encrypt",
          Resource: "arn:aws-cn:kms:cn-north-1:111122223333:key/*",
          Condition: {
            StringEquals: {
              "kms:ViaService": "s3.cn-north-1.amazonaws.com.cn",
              "aws:RequestedRegion": "cn-north-1",
            },
          },
        },
      ],
    };
    const s = normalizePolicy(doc, { region: "cn-north-1", partition: "aws-cn" }).statements[0];
    expect(s?.principals).toEqual(["Service:logs.${region}.amazonaws.com.cn"]);
    expect(s?.resources).toEqual(["arn:aws-cn:kms:${region}:111122223333:key/*"]);
    expect(s?.conditions[0]?.values).toEqual(["${region}"]);
    expect(s?.conditions[1]?.values).toEqual(["s3.${region}.amazonaws.com.cn"]);
  });

  it("leaves a region inside a name alone and another region as it is", () => {
    const doc: PolicyDocument = {
      Statement: [
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:role/us-east-1-admin" },
          Action: "kms:Decrypt",
          Resource: "arn:aws:kms:us-west-2:111122223333:key/*",
        },
      ],
    };
    const s = normalizePolicy(doc, ctx("us-east-1")).statements[0];
    expect(s?.principals).toEqual(["AWS:arn:aws:iam::111122223333:role/us-east-1-admin"]);
    expect(s?.resources).toEqual(["arn:aws:kms:us-west-2:111122223333:key/*"]);
  });

  it("uses the key's partition for account-id principals", () => {
    const doc: PolicyDocument = {
      Statement: [
        { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "kms:*", Resource: "*" },
      ],
    };
    expect(
      normalizePolicy(doc, { region: "us-gov-west-1", partition: "aws-us-gov" }).statements[0]
        ?.principals,
    ).toEqual(["AWS:arn:aws-us-gov:iam::111122223333:root"]);
  });
});

describe("policy properties (fast-check)", () => {
  it("normalisation is idempotent", () => {
    fc.assert(
      fc.property(policyTemplateArb, fc.constantFrom(...REGIONS), (template, region) => {
        const once = normalizePolicy(instantiate(template, region), ctx(region));
        expect(normalizePolicy(toPolicyDocument(once), ctx(region))).toEqual(once);
      }),
    );
  });

  it("a reshuffled policy in another region is never drift", () => {
    fc.assert(
      fc.property(policyTemplateArb, regionPair, fc.integer(), (template, [a, b], seed) => {
        const reference = instantiate(template, a);
        const actual = reshuffle(instantiate(template, b), rng(seed));
        const result = compare(reference, a, actual, b);
        expect(result.verdict).toBe("equal");
        expect(result.delta).toEqual([]);
      }),
    );
  });

  it("adding any principal with any KMS action is drift naming exactly that principal and action", () => {
    fc.assert(
      fc.property(
        policyTemplateArb,
        regionPair,
        fc.constantFrom(
          ...([
            "Decrypt",
            "Encrypt",
            "PutKeyPolicy",
            "ScheduleKeyDeletion",
            "CreateGrant",
            "Sign",
            "Encapsulate",
            "GetKeyLastUsage",
          ] as const),
        ),
        fc.stringMatching(/^[a-z][a-z0-9-]{2,12}$/),
        fc.boolean(),
        (template, [a, b], action, name, lowerCase) => {
          const principal = `arn:aws:iam::${TEST_ACCOUNT}:role/new-${name}`;
          const actual = instantiate(template, b);
          const statements = Array.isArray(actual.Statement)
            ? actual.Statement
            : [actual.Statement];
          const written = lowerCase ? `kms:${action.toLowerCase()}` : `kms:${action}`;
          actual.Statement = [
            ...statements,
            { Effect: "Allow", Principal: { AWS: principal }, Action: written, Resource: "*" },
          ];
          const result = compare(instantiate(template, a), a, actual, b);
          expect(result.verdict).toBe("wider");
          expect(result.delta.map((e) => [e.change, e.principal.named, e.action])).toEqual([
            ["gained", `role/new-${name}`, `kms:${action}`],
          ]);
        },
      ),
    );
  });

  it("removing an Allow statement never widens access, and removing an unconditional Decrypt narrows it", () => {
    fc.assert(
      fc.property(allowPolicyTemplateArb, regionPair, fc.nat(), (template, [a, b], pick) => {
        const statements = Array.isArray(template.Statement)
          ? template.Statement
          : [template.Statement];
        const dropped = pick % statements.length;
        const actual = instantiate(
          { ...template, Statement: statements.filter((_, i) => i !== dropped) },
          b,
        );
        const result = compare(instantiate(template, a), a, actual, b);
        expect(["equal", "narrower"]).toContain(result.verdict);
        expect(result.delta.every((e) => e.change === "lost")).toBe(true);
        const gone = statements[dropped];
        const actions = [gone?.Action ?? []].flat();
        if (gone && !gone.Condition && actions.some((x) => x === "kms:*" || x === "kms:Decrypt")) {
          expect(result.verdict).toBe("narrower");
        }
      }),
    );
  });

  it("decides NotPrincipal and NotAction: a reshuffled copy in another region is equal", () => {
    fc.assert(
      fc.property(
        policyTemplateArb,
        regionPair,
        fc.boolean(),
        fc.integer(),
        (template, [a, b], useNotPrincipal, seed) => {
          const statements = Array.isArray(template.Statement)
            ? template.Statement
            : [template.Statement];
          const odd = useNotPrincipal
            ? {
                Effect: "Deny" as const,
                NotPrincipal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:role/admin` },
                Action: "kms:*",
                Resource: "*",
              }
            : {
                Effect: "Allow" as const,
                Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:role/ops` },
                NotAction: "kms:ScheduleKeyDeletion",
                Resource: "*",
              };
          const withOdd = { ...template, Statement: [...statements, odd] };
          const result = compare(
            instantiate(withOdd, a),
            a,
            reshuffle(instantiate(withOdd, b), rng(seed)),
            b,
          );
          expect(result.verdict).toBe("equal");
        },
      ),
    );
  });
});
