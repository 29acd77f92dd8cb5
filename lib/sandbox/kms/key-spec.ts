/** Algorithms KeyMetadata lists for each key spec and usage (KMS key-spec reference). */
export const KEY_SPECS = [
  "SYMMETRIC_DEFAULT",
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
  "ECC_SECG_P256K1",
  "ECC_NIST_EDWARDS25519",
  "HMAC_224",
  "HMAC_256",
  "HMAC_384",
  "HMAC_512",
  "SM2",
  "ML_DSA_44",
  "ML_DSA_65",
  "ML_DSA_87",
] as const;

export const KEY_USAGES = [
  "SIGN_VERIFY",
  "ENCRYPT_DECRYPT",
  "GENERATE_VERIFY_MAC",
  "KEY_AGREEMENT",
] as const;
export const ORIGINS = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const;

const RSA_SIGNING = [
  "RSASSA_PKCS1_V1_5_SHA_256",
  "RSASSA_PKCS1_V1_5_SHA_384",
  "RSASSA_PKCS1_V1_5_SHA_512",
  "RSASSA_PSS_SHA_256",
  "RSASSA_PSS_SHA_384",
  "RSASSA_PSS_SHA_512",
];

const ECC_SIGNING: Record<string, string[]> = {
  ECC_NIST_P256: ["ECDSA_SHA_256"],
  ECC_NIST_P384: ["ECDSA_SHA_384"],
  ECC_NIST_P521: ["ECDSA_SHA_512"],
  ECC_SECG_P256K1: ["ECDSA_SHA_256"],
  ECC_NIST_EDWARDS25519: ["ED25519_SHA_512", "ED25519_PH_SHA_512"],
  SM2: ["SM2DSA"],
  ML_DSA_44: ["ML_DSA_SHAKE_256"],
  ML_DSA_65: ["ML_DSA_SHAKE_256"],
  ML_DSA_87: ["ML_DSA_SHAKE_256"],
};

/** The usages AWS accepts for a spec; the first is the default when KeyUsage is omitted. */
export function allowedUsages(keySpec: string): string[] {
  if (keySpec === "SYMMETRIC_DEFAULT") return ["ENCRYPT_DECRYPT"];
  if (keySpec.startsWith("HMAC_")) return ["GENERATE_VERIFY_MAC"];
  if (keySpec.startsWith("RSA_")) return ["ENCRYPT_DECRYPT", "SIGN_VERIFY"];
  if (keySpec === "SM2") return ["ENCRYPT_DECRYPT", "SIGN_VERIFY", "KEY_AGREEMENT"];
  if (keySpec.startsWith("ML_DSA") || keySpec === "ECC_NIST_EDWARDS25519") return ["SIGN_VERIFY"];
  return ["SIGN_VERIFY", "KEY_AGREEMENT"];
}

export function describeAlgorithms(keySpec: string, keyUsage: string): Record<string, string[]> {
  if (keyUsage === "ENCRYPT_DECRYPT") {
    if (keySpec === "SYMMETRIC_DEFAULT") return { EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"] };
    if (keySpec === "SM2") return { EncryptionAlgorithms: ["SM2PKE"] };
    return { EncryptionAlgorithms: ["RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256"] };
  }
  if (keyUsage === "SIGN_VERIFY")
    return {
      SigningAlgorithms: keySpec.startsWith("RSA_") ? RSA_SIGNING : (ECC_SIGNING[keySpec] ?? []),
    };
  if (keyUsage === "GENERATE_VERIFY_MAC")
    return { MacAlgorithms: [`HMAC_SHA_${keySpec.slice("HMAC_".length)}`] };
  if (keyUsage === "KEY_AGREEMENT") return { KeyAgreementAlgorithms: ["ECDH"] };
  return {};
}
