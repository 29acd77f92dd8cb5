import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { createAwsCli, type AwsCli } from "./testing/aws-cli";
import { startTestSandbox } from "./testing/clients";

let sb: SandboxServer;
let cli: AwsCli;
let dir: string;

function aws(region: string, args: string[]): Promise<string> {
  return cli.run(region, args);
}

beforeAll(async () => {
  sb = await startTestSandbox();
  cli = createAwsCli(sb.url);
  dir = cli.dir;
});
afterAll(async () => {
  await sb.close();
  cli.dispose();
});

describe("the real AWS CLI against the sandbox", () => {
  it(
    "creates, replicates, lists, sets policy, encrypts/decrypts across Regions and finds the PutKeyPolicy event",
    { timeout: 120_000 },
    async () => {
      const created = JSON.parse(
        await aws("ap-northeast-1", [
          "kms",
          "create-key",
          "--multi-region",
          "--description",
          "cli",
        ]),
      ) as { KeyMetadata: { KeyId: string } };
      const keyId = created.KeyMetadata.KeyId;
      expect(keyId).toMatch(/^mrk-[0-9a-f]{32}$/);
      for (const region of ["us-west-2", "ap-northeast-3"]) {
        const replica = JSON.parse(
          await aws("ap-northeast-1", [
            "kms",
            "replicate-key",
            "--key-id",
            keyId,
            "--replica-region",
            region,
          ]),
        ) as {
          ReplicaKeyMetadata: { Arn: string };
        };
        expect(replica.ReplicaKeyMetadata.Arn).toBe(
          `arn:aws:kms:${region}:111122223333:key/${keyId}`,
        );
      }
      for (const region of ["ap-northeast-1", "us-west-2", "ap-northeast-3"]) {
        const listed = JSON.parse(await aws(region, ["kms", "list-keys"])) as {
          Keys: { KeyId: string }[];
        };
        expect(listed.Keys.map((k) => k.KeyId)).toContain(keyId);
      }
      const policy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "cli",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:root" },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      });
      writeFileSync(path.join(dir, "policy.json"), policy);
      await aws("ap-northeast-1", [
        "kms",
        "put-key-policy",
        "--key-id",
        keyId,
        "--policy-name",
        "default",
        "--policy",
        `file://${path.join(dir, "policy.json")}`,
      ]);

      writeFileSync(path.join(dir, "plain.txt"), "across regions");
      const ciphertext = (
        await aws("ap-northeast-1", [
          "kms",
          "encrypt",
          "--key-id",
          keyId,
          "--plaintext",
          `fileb://${path.join(dir, "plain.txt")}`,
          "--query",
          "CiphertextBlob",
          "--output",
          "text",
        ])
      ).trim();
      writeFileSync(path.join(dir, "blob.bin"), Buffer.from(ciphertext, "base64"));
      const plain = (
        await aws("us-west-2", [
          "kms",
          "decrypt",
          "--ciphertext-blob",
          `fileb://${path.join(dir, "blob.bin")}`,
          "--query",
          "Plaintext",
          "--output",
          "text",
        ])
      ).trim();
      expect(Buffer.from(plain, "base64").toString()).toBe("across regions");

      const found = JSON.parse(
        await aws("ap-northeast-1", [
          "cloudtrail",
          "lookup-events",
          "--lookup-attributes",
          "AttributeKey=EventName,AttributeValue=PutKeyPolicy",
        ]),
      ) as { Events: { EventName: string; CloudTrailEvent: string }[] };
      expect(found.Events).toHaveLength(1);
      const record = JSON.parse(found.Events[0]?.CloudTrailEvent ?? "{}") as {
        requestParameters: { policy: string; keyId: string };
        userIdentity: { userName: string };
      };
      expect(record.requestParameters).toMatchObject({ keyId, policy });
      expect(record.userIdentity.userName).toBe("AKIACLIUSER");
    },
  );
});
