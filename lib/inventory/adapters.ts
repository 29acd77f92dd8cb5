import type {
  GetKeyRotationStatusCommandOutput,
  GrantListEntry,
  KeyMetadata as SdkKeyMetadata,
  Tag,
} from "@aws-sdk/client-kms";
import {
  isPolicyDocument,
  KEY_STATES,
  type Grant,
  type KeyMetadata,
  type KeyState,
  type MultiRegionConfiguration,
  type PolicyDocument,
  type Rotation,
} from "../domain/key-record";
import { jsonNestingDepth, MAX_POLICY_BYTES, MAX_POLICY_DEPTH } from "../domain/policy-bounds";
import { sharedString, shareStringsIn } from "../aws/shared-strings";

const sharedOptional = (text: string | undefined) =>
  text === undefined ? undefined : sharedString(text);
const sharedList = (texts: string[] | undefined) => texts?.map(sharedString);

function iso(date: Date | undefined): string | undefined {
  return date === undefined || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Unknown states (a newer API) become Unavailable rather than a value outside our union. */
export function toKeyState(state: string | undefined): KeyState {
  return KEY_STATES.find((known) => known === state) ?? "Unavailable";
}

function toMultiRegionConfiguration(
  sdk: SdkKeyMetadata["MultiRegionConfiguration"],
): MultiRegionConfiguration | undefined {
  if (sdk === undefined) return undefined;
  const ref = (r: { Arn?: string | undefined; Region?: string | undefined }) => ({
    Arn: sharedString(r.Arn ?? ""),
    Region: sharedString(r.Region ?? ""),
  });
  return {
    MultiRegionKeyType: sdk.MultiRegionKeyType === "PRIMARY" ? "PRIMARY" : "REPLICA",
    ...(sdk.PrimaryKey !== undefined ? { PrimaryKey: ref(sdk.PrimaryKey) } : {}),
    ReplicaKeys: (sdk.ReplicaKeys ?? []).map(ref),
  };
}

/** DescribeKey's KeyMetadata → ours: same field names, ISO dates, absent optional fields omitted. */
export function toKeyMetadata(
  sdk: SdkKeyMetadata,
  fallback: { account: string; keyId: string; arn: string },
): KeyMetadata {
  const optional = {
    CreationDate: iso(sdk.CreationDate),
    DeletionDate: iso(sdk.DeletionDate),
    ValidTo: iso(sdk.ValidTo),
    ExpirationModel: sharedOptional(sdk.ExpirationModel),
    CustomerMasterKeySpec: sharedOptional(sdk.CustomerMasterKeySpec),
    EncryptionAlgorithms: sharedList(sdk.EncryptionAlgorithms),
    SigningAlgorithms: sharedList(sdk.SigningAlgorithms),
    MacAlgorithms: sharedList(sdk.MacAlgorithms),
    KeyAgreementAlgorithms: sharedList(sdk.KeyAgreementAlgorithms),
    MultiRegionConfiguration: toMultiRegionConfiguration(sdk.MultiRegionConfiguration),
    PendingDeletionWindowInDays: sdk.PendingDeletionWindowInDays,
    CurrentKeyMaterialId: sdk.CurrentKeyMaterialId,
  };
  const metadata: KeyMetadata = {
    AWSAccountId: sharedString(sdk.AWSAccountId ?? fallback.account),
    KeyId: sdk.KeyId ?? fallback.keyId,
    Arn: sdk.Arn ?? fallback.arn,
    Enabled: sdk.Enabled ?? false,
    Description: sdk.Description ?? "",
    KeyUsage: sharedString(sdk.KeyUsage ?? ""),
    KeyState: toKeyState(sdk.KeyState),
    Origin: sharedString(sdk.Origin ?? ""),
    KeyManager: sdk.KeyManager === "AWS" ? "AWS" : "CUSTOMER",
    KeySpec: sharedString(sdk.KeySpec ?? sdk.CustomerMasterKeySpec ?? ""),
    MultiRegion: sdk.MultiRegion ?? false,
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(metadata, { [name]: value });
  }
  return metadata;
}

/**
 * What listing alone knows of a key whose DescribeKey failed (the failure is in the record's
 * `errors`). ListKeys gives id and ARN; ListAliases tells AWS managed keys apart (only they carry
 * `alias/aws/*` aliases, and customer aliases can only target customer keys); `mrk-` ids are
 * multi-Region. Everything else is unknown: empty strings, KeyState `Unavailable`, Enabled false.
 */
export function toListedMetadata(listed: {
  account: string;
  keyId: string;
  arn: string;
  awsManaged: boolean;
}): KeyMetadata {
  return {
    AWSAccountId: listed.account,
    KeyId: listed.keyId,
    Arn: listed.arn,
    Enabled: false,
    Description: "",
    KeyUsage: "",
    KeyState: "Unavailable",
    Origin: "",
    KeyManager: listed.awsManaged ? "AWS" : "CUSTOMER",
    KeySpec: "",
    MultiRegion: listed.keyId.startsWith("mrk-"),
  };
}

export function toGrant(entry: GrantListEntry): Grant {
  const grant: Grant = {
    grantId: entry.GrantId ?? "",
    name: sharedString(entry.Name ?? ""),
    granteePrincipal: sharedString(entry.GranteePrincipal ?? entry.GranteeServicePrincipal ?? ""),
    operations: (entry.Operations ?? []).map(sharedString),
  };
  const retiring = entry.RetiringPrincipal ?? entry.RetiringServicePrincipal;
  if (retiring !== undefined) grant.retiringPrincipal = sharedString(retiring);
  if (entry.IssuingAccount !== undefined) grant.issuingAccount = sharedString(entry.IssuingAccount);
  const created = iso(entry.CreationDate);
  if (created !== undefined) grant.creationDate = created;
  const subset = entry.Constraints?.EncryptionContextSubset;
  const equals = entry.Constraints?.EncryptionContextEquals;
  if (subset !== undefined || equals !== undefined) {
    grant.constraints = {
      ...(subset !== undefined ? { encryptionContextSubset: { ...subset } } : {}),
      ...(equals !== undefined ? { encryptionContextEquals: { ...equals } } : {}),
    };
  }
  return grant;
}

export function toTags(tags: readonly Tag[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags) {
    if (tag.TagKey !== undefined) map[tag.TagKey] = sharedString(tag.TagValue ?? "");
  }
  return map;
}

export function toRotation(
  output: Pick<
    GetKeyRotationStatusCommandOutput,
    "KeyRotationEnabled" | "RotationPeriodInDays" | "NextRotationDate"
  >,
): Rotation {
  const rotation: Rotation = { enabled: output.KeyRotationEnabled ?? false };
  if (output.RotationPeriodInDays !== undefined) rotation.periodDays = output.RotationPeriodInDays;
  const next = iso(output.NextRotationDate);
  if (next !== undefined) rotation.nextRotationDate = next;
  return rotation;
}

/**
 * AWS answered, but the answer cannot be used: a verdict about this key (a readability finding),
 * unlike a failed request, which says nothing about the key.
 */
export class UnusableAnswerError extends Error {
  override readonly name: string = "UnusableAnswer";
}

export class MalformedPolicyError extends UnusableAnswerError {
  override readonly name = "MalformedPolicyDocument";
}

/** A policy beyond the bounds of policy-bounds.ts: not parsed, not analysed. */
export class PolicyOutOfBoundsError extends UnusableAnswerError {
  constructor(
    override readonly name: "PolicyTooLarge" | "PolicyTooDeep",
    message: string,
  ) {
    super(message);
  }
}

/**
 * GetKeyPolicy's string → a document. A policy over the size or depth bound is refused before it is
 * parsed; anything that is not a JSON object with Statement is malformed.
 */
export function parsePolicy(text: string | undefined): PolicyDocument {
  if (text === undefined) throw new MalformedPolicyError("GetKeyPolicy returned no policy");
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_POLICY_BYTES)
    throw new PolicyOutOfBoundsError(
      "PolicyTooLarge",
      `policy is ${bytes} bytes, over the ${MAX_POLICY_BYTES}-byte key policy limit`,
    );
  if (jsonNestingDepth(text, MAX_POLICY_DEPTH) > MAX_POLICY_DEPTH)
    throw new PolicyOutOfBoundsError(
      "PolicyTooDeep",
      `policy is nested deeper than ${MAX_POLICY_DEPTH} levels`,
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new MalformedPolicyError(
      `policy is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (!isPolicyDocument(value)) throw new MalformedPolicyError("policy has no Statement");
  return shareStringsIn(value);
}
