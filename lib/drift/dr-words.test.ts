import { describe, expect, it } from "vitest";
import { KEY_USE_ACTIONS } from "../policy/kms-actions";
import type { DrReadinessGap } from "../domain/finding-detail";
import { drGapsForRegion } from "./dr-readiness";
import { describeDrGap, describeKeyUses } from "./dr-words";
import { ACCOUNT, makeMrkFamily } from "./test-fixtures";

const gap = (over: Partial<DrReadinessGap>): DrReadinessGap => ({
  principal: `AWS:arn:aws:iam::${ACCOUNT}:role/app`,
  region: "eu-west-1",
  missing: ["kms:Decrypt", "kms:Encrypt"],
  reason: "policy",
  ...over,
});

describe("describeKeyUses", () => {
  it.each([
    [["kms:Decrypt"], "decryption"],
    [["kms:Decrypt", "kms:Encrypt"], "decryption or encryption"],
    [
      [...KEY_USE_ACTIONS],
      "decryption, encryption, data key generation or data key pair generation",
    ],
    [["kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext"], "data key generation"],
  ])("%j → %s", (actions, words) => {
    expect(describeKeyUses(actions)).toBe(words);
  });
});

describe("describeDrGap: one sentence per gap shape", () => {
  it.each<[string, Partial<DrReadinessGap>, string]>([
    [
      "the key policy leaves a role out",
      {},
      "In eu-west-1, the key policy does not let role/app use the key for decryption or encryption.",
    ],
    [
      "a principal class in words, as gaps now name them",
      { principal: `role/app of account ${ACCOUNT}` },
      `In eu-west-1, the key policy does not let role/app of account ${ACCOUNT} use the key for decryption or encryption.`,
    ],
    [
      "the key policy leaves an account out (a snapshot from before policies were judged by meaning)",
      { principal: `AWS:arn:aws:iam::${ACCOUNT}:root`, missing: ["kms:Decrypt"] },
      `In eu-west-1, the key policy does not let account ${ACCOUNT} use the key for decryption.`,
    ],
    [
      "the key policy leaves everyone out",
      { principal: "*", missing: ["kms:GenerateDataKey"] },
      "In eu-west-1, the key policy does not let everyone (*) use the key for data key generation.",
    ],
    [
      "a regional service principal, written with the region placeholder",
      { principal: "Service:logs.${region}.amazonaws.com", missing: ["kms:Encrypt"] },
      "In eu-west-1, the key policy does not let logs.eu-west-1.amazonaws.com use the key for encryption.",
    ],
    [
      "the key is unusable for one principal",
      { reason: "key-state", keyState: "Disabled" },
      "In eu-west-1, role/app cannot use the key for decryption or encryption: the key is Disabled.",
    ],
    [
      "the key is unusable for every principal",
      {
        principal: "*",
        reason: "key-state",
        keyState: "PendingDeletion",
        missing: ["kms:Encrypt", "kms:Decrypt"],
      },
      "In eu-west-1, no principal can use the key for encryption or decryption: the key is PendingDeletion.",
    ],
    [
      "the key is unusable, state not recorded (older snapshots)",
      { principal: "*", reason: "key-state" },
      "In eu-west-1, no principal can use the key for decryption or encryption: the key is not usable.",
    ],
  ])("%s", (_name, over, sentence) => {
    expect(describeDrGap(gap(over))).toBe(sentence);
  });

  it("drGapsForRegion records the key state that makes a region unusable", () => {
    const { keys } = makeMrkFamily(["us-east-1", "eu-west-1"]);
    const [reference, replica] = keys;
    if (!reference || !replica) throw new Error("fixture has two keys");
    replica.metadata.KeyState = "Disabled";
    const gaps = drGapsForRegion(reference, replica, null);
    const app = gaps.find((g) => g.principal === `role/app of account ${ACCOUNT}`);
    expect(app).toMatchObject({ reason: "key-state", keyState: "Disabled" });
    expect(app && describeDrGap(app)).toMatch(
      /^In eu-west-1, role\/app of account 111122223333 cannot use the key for .+: the key is Disabled\.$/,
    );
  });
});
