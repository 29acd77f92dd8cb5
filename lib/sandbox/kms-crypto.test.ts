import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  ReplicateKeyCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "./server";
import { catchError, createKms, startTestSandbox } from "./testing/clients";

let sb: SandboxServer;
let primary: KMSClient;
let replica: KMSClient;
let unrelated: KMSClient;
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

beforeAll(async () => {
  sb = await startTestSandbox();
  primary = createKms(sb.url, "us-east-1");
  replica = createKms(sb.url, "eu-west-1");
  unrelated = createKms(sb.url, "ap-southeast-2");
});
afterAll(() => sb.close());

describe("Encrypt / Decrypt / GenerateDataKey", () => {
  it("round-trips with an encryption context and rejects a different context", async () => {
    const id = (await primary.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? "";
    await primary.send(new CreateAliasCommand({ AliasName: "alias/crypto", TargetKeyId: id }));
    const enc = await primary.send(
      new EncryptCommand({
        KeyId: "alias/crypto",
        Plaintext: new TextEncoder().encode("hello"),
        EncryptionContext: { app: "x" },
      }),
    );
    expect(enc.KeyId).toBe(`arn:aws:kms:us-east-1:111122223333:key/${id}`);
    expect(enc.EncryptionAlgorithm).toBe("SYMMETRIC_DEFAULT");
    const dec = await primary.send(
      new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: "x" } }),
    );
    expect(text(dec.Plaintext)).toBe("hello");
    expect(dec.KeyId).toBe(enc.KeyId);
    const wrongContext = await catchError(
      primary.send(
        new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { app: "y" } }),
      ),
    );
    expect(wrongContext).toBeInstanceOf(InvalidCiphertextException);
    const garbage = await catchError(
      primary.send(new DecryptCommand({ CiphertextBlob: new Uint8Array([1, 2, 3]) })),
    );
    expect(garbage).toBeInstanceOf(InvalidCiphertextException);
  });

  it("decrypts MRK ciphertext in a replica Region, not in an unrelated Region nor with another key", async () => {
    const id =
      (await primary.send(new CreateKeyCommand({ MultiRegion: true }))).KeyMetadata?.KeyId ?? "";
    await primary.send(new ReplicateKeyCommand({ KeyId: id, ReplicaRegion: "eu-west-1" }));
    const enc = await primary.send(
      new EncryptCommand({ KeyId: id, Plaintext: new TextEncoder().encode("portable") }),
    );
    const dec = await replica.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(text(dec.Plaintext)).toBe("portable");
    expect(dec.KeyId).toBe(`arn:aws:kms:eu-west-1:111122223333:key/${id}`);
    const withKey = await replica.send(
      new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: id }),
    );
    expect(text(withKey.Plaintext)).toBe("portable");
    expect(
      await catchError(unrelated.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))),
    ).toBeInstanceOf(InvalidCiphertextException);
    const other = (await replica.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? "";
    const wrongKey = await catchError(
      replica.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: other })),
    );
    expect(wrongKey).toBeInstanceOf(IncorrectKeyException);
    expect(wrongKey.message).toBe(
      "The key ID in the request does not identify a CMK that can perform this operation.",
    );
    // A single-Region key's ciphertext does not travel.
    const single = (await primary.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? "";
    const local = await primary.send(
      new EncryptCommand({ KeyId: single, Plaintext: new TextEncoder().encode("local") }),
    );
    expect(
      await catchError(replica.send(new DecryptCommand({ CiphertextBlob: local.CiphertextBlob }))),
    ).toBeInstanceOf(InvalidCiphertextException);
  });

  it("generates data keys of the asked size that decrypt back", async () => {
    const id = (await primary.send(new CreateKeyCommand({}))).KeyMetadata?.KeyId ?? "";
    const dk = await primary.send(new GenerateDataKeyCommand({ KeyId: id, KeySpec: "AES_256" }));
    expect(dk.Plaintext).toHaveLength(32);
    const back = await primary.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }));
    expect(Buffer.from(back.Plaintext ?? []).equals(Buffer.from(dk.Plaintext ?? []))).toBe(true);
    expect(
      (await primary.send(new GenerateDataKeyCommand({ KeyId: id, NumberOfBytes: 7 }))).Plaintext,
    ).toHaveLength(7);
    expect((await catchError(primary.send(new GenerateDataKeyCommand({ KeyId: id })))).name).toBe(
      "ValidationException",
    );
    const signing =
      (
        await primary.send(
          new CreateKeyCommand({ KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY" }),
        )
      ).KeyMetadata?.KeyId ?? "";
    expect(
      (
        await catchError(
          primary.send(new EncryptCommand({ KeyId: signing, Plaintext: new Uint8Array([1]) })),
        )
      ).name,
    ).toBe("InvalidKeyUsageException");
  });
});
