import { describe, expect, it } from "vitest";
import { makeFinding } from "../store/test-fixtures";
import { drGapsOf } from "./finding-details";

describe("drGapsOf", () => {
  it("a replica whose key is unusable: no principal can use the key, said as a sentence", () => {
    const finding = {
      ...makeFinding({ property: "state", region: "eu-west-1", what: "Enabled->Disabled" }),
      detail: { rule: "replica-unusable", referenceState: "Enabled", state: "Disabled" },
    };
    expect(drGapsOf(finding).map((g) => g.sentence)).toEqual([
      "In eu-west-1, no principal can use the key for decryption, encryption, data key generation or data key pair generation: the key is Disabled.",
    ]);
  });

  it("policy gaps from the finding's detail get their sentence", () => {
    const finding = {
      ...makeFinding({ property: "policy", region: "eu-west-1", what: "narrower" }),
      detail: {
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
