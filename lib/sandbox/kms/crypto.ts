import { z } from "zod";
import type { RegionKey } from "../state/model";
import { authorizeKeyAccess } from "./authorize";
import { readCiphertextHeader, openCiphertext, sealCiphertext } from "./ciphertext";
import type { KmsEnv } from "./env";
import { dryRunSucceeded, kmsError, validationError } from "./errors";
import { assertKeyState } from "./key-state";
import { resolveKey } from "./resolve-key";
import { encryptionContextSchema, grantTokensSchema, keyIdSchema } from "./schemas";
import { parseInput } from "./validate";

const algorithmSchema = z.enum([
  "SYMMETRIC_DEFAULT",
  "RSAES_OAEP_SHA_1",
  "RSAES_OAEP_SHA_256",
  "SM2PKE",
]);

function decodeBlob(text: string, member: string, max: number): Buffer {
  const bytes = Buffer.from(text, "base64");
  if (bytes.length < 1 || bytes.length > max) {
    throw validationError(
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length ${bytes.length < 1 ? "greater than or equal to 1" : `less than or equal to ${max}`}`,
    );
  }
  return bytes;
}

/** Encryption needs an ENCRYPT_DECRYPT key with material (asymmetric keys are emulated with the same scheme). */
function checkUsable(operation: string, key: RegionKey): Buffer {
  assertKeyState(operation, key);
  if (key.family.keyUsage !== "ENCRYPT_DECRYPT") {
    throw kmsError(
      "InvalidKeyUsageException",
      `${key.arn} key usage is ${key.family.keyUsage} which is not valid for ${operation}.`,
    );
  }
  const material = key.family.material;
  if (!material) throw kmsError("KMSInvalidStateException", `${key.arn} is pending import.`);
  return material;
}

function seal(
  env: KmsEnv,
  key: RegionKey,
  material: Buffer,
  plaintext: Buffer,
  context: Record<string, string>,
): string {
  const header = { account: key.family.account, keyId: key.family.keyId };
  return sealCiphertext(header, material, env.prng.bytes(12), plaintext, context).toString(
    "base64",
  );
}

const encryptInput = z.object({
  KeyId: keyIdSchema,
  Plaintext: z.string(),
  EncryptionContext: encryptionContextSchema.optional(),
  GrantTokens: grantTokensSchema.optional(),
  EncryptionAlgorithm: algorithmSchema.optional(),
  DryRun: z.boolean().optional(),
});

export function encrypt(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(encryptInput, input);
  const algorithm = req.EncryptionAlgorithm ?? "SYMMETRIC_DEFAULT";
  env.audit.requestParameters = {
    keyId: req.KeyId,
    ...contextParameter(req.EncryptionContext),
    encryptionAlgorithm: algorithm,
  };
  const plaintext = decodeBlob(req.Plaintext, "plaintext", 4096);
  const key = resolveKey(env, req.KeyId, { allowAlias: true, allowCrossAccount: true });
  const material = checkUsable("Encrypt", key);
  if (req.DryRun) throw dryRunSucceeded();
  const blob = seal(env, key, material, plaintext, req.EncryptionContext ?? {});
  return { CiphertextBlob: blob, KeyId: key.arn, EncryptionAlgorithm: algorithm };
}

const decryptInput = z.object({
  CiphertextBlob: z.string(),
  EncryptionContext: encryptionContextSchema.optional(),
  GrantTokens: grantTokensSchema.optional(),
  KeyId: keyIdSchema.optional(),
  EncryptionAlgorithm: algorithmSchema.optional(),
  DryRun: z.boolean().optional(),
});

/**
 * Decrypt finds the key from the ciphertext in the call's Region: a multi-Region key's ciphertext
 * opens in any Region of its family; elsewhere (or for another key) it fails as KMS does.
 */
export function decrypt(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(decryptInput, input);
  const blob = decodeBlob(req.CiphertextBlob, "ciphertextBlob", 6144);
  const algorithm = req.EncryptionAlgorithm ?? "SYMMETRIC_DEFAULT";
  env.audit.requestParameters = {
    ...(req.KeyId ? { keyId: req.KeyId } : {}),
    ...contextParameter(req.EncryptionContext),
    encryptionAlgorithm: algorithm,
  };
  const header = readCiphertextHeader(blob);
  const requested =
    req.KeyId === undefined
      ? undefined
      : resolveKey(env, req.KeyId, { allowAlias: true, allowCrossAccount: true });
  if (!header) throw kmsError("InvalidCiphertextException", "");
  if (
    requested &&
    (requested.family.keyId !== header.keyId || requested.family.account !== header.account)
  ) {
    throw kmsError(
      "IncorrectKeyException",
      "The key ID in the request does not identify a CMK that can perform this operation.",
    );
  }
  const key =
    requested ?? env.store.region(header.account, env.region.region).keysById.get(header.keyId);
  if (!key) throw kmsError("InvalidCiphertextException", "");
  if (!requested) {
    env.audit.resourceArns = [key.arn];
    if (key.family.account !== env.ctx.account) env.audit.ownerAccount = key.family.account;
    authorizeKeyAccess(env.ctx, key, "Decrypt");
  }
  const material = checkUsable("Decrypt", key);
  if (req.DryRun) throw dryRunSucceeded();
  const plaintext = openCiphertext(blob, material, req.EncryptionContext ?? {});
  if (!plaintext) throw kmsError("InvalidCiphertextException", "");
  return {
    KeyId: key.arn,
    Plaintext: plaintext.toString("base64"),
    EncryptionAlgorithm: algorithm,
  };
}

const generateDataKeyInput = z.object({
  KeyId: keyIdSchema,
  EncryptionContext: encryptionContextSchema.optional(),
  NumberOfBytes: z.number().int().min(1).max(1024).optional(),
  KeySpec: z.enum(["AES_256", "AES_128"]).optional(),
  GrantTokens: grantTokensSchema.optional(),
  DryRun: z.boolean().optional(),
});

export function generateDataKey(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(generateDataKeyInput, input);
  if ((req.NumberOfBytes === undefined) === (req.KeySpec === undefined)) {
    throw validationError("Please specify either number of bytes or key spec.");
  }
  const key = resolveKey(env, req.KeyId, { allowAlias: true, allowCrossAccount: true });
  const material = checkUsable("GenerateDataKey", key);
  if (key.family.keySpec !== "SYMMETRIC_DEFAULT") {
    throw kmsError(
      "InvalidKeyUsageException",
      `${key.arn} key spec ${key.family.keySpec} is not valid for GenerateDataKey.`,
    );
  }
  if (req.DryRun) throw dryRunSucceeded();
  const size = req.NumberOfBytes ?? (req.KeySpec === "AES_128" ? 16 : 32);
  const dataKey = env.prng.bytes(size);
  return {
    CiphertextBlob: seal(env, key, material, dataKey, req.EncryptionContext ?? {}),
    Plaintext: dataKey.toString("base64"),
    KeyId: key.arn,
  };
}

function contextParameter(context: Record<string, string> | undefined): Record<string, unknown> {
  return context === undefined ? {} : { encryptionContext: context };
}
