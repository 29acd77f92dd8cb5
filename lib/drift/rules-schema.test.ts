import { describe, expect, it } from "vitest";
import { describeRulesIssues, driftRulesSchema } from "./rules-schema";

describe("driftRulesSchema", () => {
  it("defaults every list to empty and compares key policies by meaning", () => {
    expect(driftRulesSchema.parse({})).toEqual({
      severity: [],
      residency: [],
      expectedReplicas: [],
      baselines: [],
      waivers: [],
      policyText: "meaning",
    });
  });

  it("accepts policyText strict and names a bad value's field", () => {
    expect(driftRulesSchema.parse({ policyText: "strict" }).policyText).toBe("strict");
    const bad = driftRulesSchema.safeParse({ policyText: "exact" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["policyText"]);
  });

  it("accepts the documented shape", () => {
    const rules = driftRulesSchema.parse({
      severity: [
        {
          property: "tags",
          when: "tags",
          selector: { aliasPrefix: "alias/eu-" },
          severity: "medium",
        },
      ],
      residency: [
        { name: "eu-pii", selector: { tag: { "data-class": "eu-pii" } }, allowedRegions: ["eu-*"] },
      ],
      expectedReplicas: [
        { selector: { aliasPrefix: "alias/payments" }, regions: ["us-east-1", "eu-west-1"] },
      ],
      baselines: [
        {
          selector: { alias: "alias/platform-*" },
          policy: {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }],
          },
        },
      ],
      waivers: [
        {
          finding: "0123456789abcdef",
          reason: "r",
          owner: "alice@example.com",
          expires: "2027-01-31",
        },
        {
          match: { family: "111122223333:alias/legacy-*", property: "tags", region: "ap-*" },
          reason: "r",
          owner: "o",
          expires: "2027-03-01",
        },
      ],
    });
    expect(rules.waivers).toHaveLength(2);
  });

  it.each<[string, unknown, string]>([
    [
      "a scalar where a list belongs",
      { residency: [{ name: "x", selector: {}, allowedRegions: "eu-*" }] },
      "residency[0].allowedRegions:",
    ],
    ["an unknown top-level key", { waiver: [] }, '(root): Unrecognized key: "waiver"'],
    [
      "an unknown selector key",
      { expectedReplicas: [{ selector: { tags: {} }, regions: ["a"] }] },
      "expectedReplicas[0].selector:",
    ],
    [
      "an unknown severity",
      { severity: [{ property: "tags", severity: "urgent" }] },
      "severity[0].severity:",
    ],
    [
      "an unknown property",
      { severity: [{ property: "colour", severity: "low" }] },
      "severity[0].property:",
    ],
    [
      "a waiver with neither finding nor match",
      { waivers: [{ reason: "r", owner: "o", expires: "2027-01-01" }] },
      "waivers[0].finding:",
    ],
    [
      "a waiver with a bad date",
      { waivers: [{ finding: "x", reason: "r", owner: "o", expires: "next week" }] },
      "waivers[0].expires: expected an ISO date",
    ],
    [
      "an empty waiver match",
      { waivers: [{ match: {}, reason: "r", owner: "o", expires: "2027-01-01" }] },
      "waivers[0].match:",
    ],
    [
      "a baseline statement without Effect",
      { baselines: [{ selector: {}, policy: { Statement: [{ Action: "kms:*" }] } }] },
      "baselines[0].policy.Statement",
    ],
  ])("rejects %s, naming the field path", (_name, input, message) => {
    const result = driftRulesSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeRulesIssues(result.error).join("\n")).toContain(message);
  });
});
