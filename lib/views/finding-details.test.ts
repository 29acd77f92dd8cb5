import { describe, expect, it } from "vitest";
import type { Finding, FindingBase } from "../domain/finding";
import { makeFinding, type FindingSpec } from "../store/test-fixtures";
import { drGapsOf } from "./finding-details";

/** A fixture finding without its property and detail, which each test states. */
function findingBase(spec: FindingSpec): FindingBase {
  const { property: _property, detail: _detail, ...base } = makeFinding(spec);
  return base;
}

describe("drGapsOf", () => {
  it("a replica whose key is unusable: no principal can use the key, said as a sentence", () => {
    const finding: Finding = {
      ...findingBase({ region: "eu-west-1", what: "Enabled->Disabled" }),
      property: "state",
      detail: { rule: "replica-unusable", referenceState: "Enabled", state: "Disabled" },
    };
    expect(drGapsOf(finding).map((g) => g.sentence)).toEqual([
      "In eu-west-1, no principal can use the key for decryption, encryption, data key generation or data key pair generation: the key is Disabled.",
    ]);
  });

  it("policy gaps from the finding's detail get their sentence", () => {
    const finding: Finding = {
      ...findingBase({ region: "eu-west-1", what: "narrower" }),
      property: "policy",
      detail: {
        rule: "narrower-access",
        comparedWith: "us-east-1",
        verdict: "narrower",
        delta: [],
        deltaTotal: 0,
        accessChanges: [],
        statements: { added: [], removed: [], changed: [] },
        drReadiness: [
          {
            principal: "AWS:arn:aws:iam::111122223333:role/app",
            region: "eu-west-1",
            missing: ["kms:Decrypt"],
            reason: "policy",
          },
        ],
      },
    };
    expect(drGapsOf(finding).map((g) => g.sentence)).toEqual([
      "In eu-west-1, the key policy does not let role/app use the key for decryption.",
    ]);
  });
});
