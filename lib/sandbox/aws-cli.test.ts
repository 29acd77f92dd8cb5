import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { startTestSandbox } from "./testing/clients";

const AWS = "/usr/bin/aws";
let sb: SandboxServer;
let dir: string;

function aws(region: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      AWS,
      ["--endpoint-url", sb.url, "--region", region, "--output", "json", ...args],
      {
        env: {
          ...process.env,
          HOME: dir,
          AWS_CONFIG_FILE: path.join(dir, "config"),
          AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
          AWS_ACCESS_KEY_ID: "AKIACLIUSER",
          AWS_SECRET_ACCESS_KEY: "dummy",
          AWS_PAGER: "",
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`aws ${args.join(" ")} failed: ${stderr || error.message}`))
          : resolve(stdout),
    );
  });
}

beforeAll(async () => {
  sb = await startTestSandbox();
  dir = mkdtempSync(path.join(tmpdir(), "kms-drift-cli-"));
});
afterAll(async () => {
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the real AWS CLI against the sandbox", () => {
  it(
    "creates, replicates, lists, sets policy, encrypts/decrypts across Regions and finds the PutKeyPolicy event",
    { timeout: 120_000 },
    async () => {
      if (!existsSync(AWS))
        throw new Error(
          `${AWS} is missing: install it with \`apt-get install -y awscli\` (this test must not be skipped)`,
        );
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
