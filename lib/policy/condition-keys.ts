import {
  actionFacts,
  GLOBAL_CONDITION_KEYS_URL,
  KEY_RESOURCE_CONDITION_KEYS,
  KMS_CONDITION_KEYS_URL,
} from "./kms-facts";
import { principalArn, principalType, type RequestPrincipal } from "./principals";
import { OWN_REGION } from "./symbols";

/**
 * What a condition key holds for one request: never present, a value fixed by the principal or the
 * key's place, or a free dimension of the request (possibly absent, possibly a set).
 */
export type Availability =
  | { kind: "absent" }
  | { kind: "fixed"; value: string }
  | { kind: "free"; mayBeAbsent: boolean; multi: boolean };

const ABSENT: Availability = { kind: "absent" };
const free = (mayBeAbsent: boolean, multi = false): Availability => ({
  kind: "free",
  mayBeAbsent,
  multi,
});

/** Multivalued keys (ArrayOf… in the SAR, "multivalued" in the global keys reference). */
const MULTI_VALUED = new Set([
  "kms:encryptioncontextkeys",
  "kms:grantoperations",
  "kms:resourcealiases",
  "aws:tagkeys",
  "aws:calledvia",
  "aws:principalorgpaths",
  "aws:principalservicenameslist",
  "aws:resourceorgpaths",
  "aws:sourceorgpaths",
]);

/**
 * Keys every request of an action carries, with where that is documented.
 * - KMS_CONDITION_KEYS_URL: a key for a request parameter "works even when the parameter doesn't
 *   appear in the request, such as when you use the parameter's default value"
 *   (kms:EncryptionAlgorithm defaults to SYMMETRIC_DEFAULT); keys that describe the KMS key used in
 *   the operation (kms:KeySpec, kms:KeyUsage, kms:KeyOrigin, kms:MultiRegion, kms:MultiRegionKeyType)
 *   always have the key's value.
 * - GLOBAL_CONDITION_KEYS_URL: aws:CurrentTime, aws:EpochTime, aws:SecureTransport are "always
 *   included in the request context".
 */
const ALWAYS_PRESENT: Record<string, string> = {
  "kms:encryptionalgorithm": KMS_CONDITION_KEYS_URL,
  "kms:keyspec": KMS_CONDITION_KEYS_URL,
  "kms:keyusage": KMS_CONDITION_KEYS_URL,
  "kms:keyorigin": KMS_CONDITION_KEYS_URL,
  "kms:multiregion": KMS_CONDITION_KEYS_URL,
  "kms:multiregionkeytype": KMS_CONDITION_KEYS_URL,
  "aws:currenttime": GLOBAL_CONDITION_KEYS_URL,
  "aws:epochtime": GLOBAL_CONDITION_KEYS_URL,
  "aws:securetransport": GLOBAL_CONDITION_KEYS_URL,
};

/** Keys that a request's principal determines; a principal class fixes them. */
export const PRINCIPAL_KEYS = new Set([
  "aws:principalarn",
  "aws:principalaccount",
  "kms:calleraccount",
  "aws:principaltype",
  "aws:principalisawsservice",
  "aws:principalservicename",
  "aws:username",
]);

/** `kms:EncryptionContext:Project` → `kms:encryptioncontext:${encryptioncontextkey}`. */
function template(key: string): string {
  const m =
    /^(kms:encryptioncontext|aws:requesttag|aws:resourcetag|aws:principaltag|kms:recipientattestation)([:/])/.exec(
      key,
    );
  if (!m) return key;
  if (m[1] === "kms:recipientattestation") return key;
  return `${m[1]}${m[2]}\${${m[1] === "kms:encryptioncontext" ? "encryptioncontextkey" : "tagkey"}}`;
}

export function isMultiValued(key: string): boolean {
  return MULTI_VALUED.has(key);
}

const lowerActionKeys = new Map<string, Set<string>>();

function actionKeySet(action: string): Set<string> {
  let hit = lowerActionKeys.get(action);
  if (!hit) {
    const facts = actionFacts(action);
    const keys = facts
      ? [...facts.conditionKeys, ...(facts.keyResource ? KEY_RESOURCE_CONDITION_KEYS : [])]
      : [];
    hit = new Set(keys.map((k) => k.toLowerCase()));
    lowerActionKeys.set(action, hit);
  }
  return hit;
}

export interface Place {
  partition: string;
  account: string;
  region: string;
}

/** Unknown `kms:` keys are reported, never guessed. */
class UnknownKeyError extends Error {}

/**
 * What `key` (lower-cased) holds for a request of `action` by `principal` on a key at `place`.
 * Values are symbolic (the own region is OWN_REGION).
 */
export function availability(
  key: string,
  action: string,
  principal: RequestPrincipal,
  place: Place,
): Availability {
  const iam = principal.kind !== "service";
  switch (key) {
    case "aws:principalarn":
      return iam
        ? { kind: "fixed", value: principalArn(principal, place.partition) ?? "" }
        : free(true);
    case "aws:principalaccount":
      return iam ? { kind: "fixed", value: principal.account ?? "" } : free(true);
    case "aws:principaltype":
      return iam ? { kind: "fixed", value: principalType(principal) ?? "" } : free(true);
    case "aws:principalisawsservice":
      return { kind: "fixed", value: iam ? "false" : "true" };
    case "aws:principalservicename":
      return iam ? ABSENT : { kind: "fixed", value: principal.service ?? "" };
    case "aws:username":
      return principal.kind === "user"
        ? {
            kind: "fixed",
            value: (principal.resource ?? "").slice(
              (principal.resource ?? "").lastIndexOf("/") + 1,
            ),
          }
        : ABSENT;
    case "aws:requestedregion":
      return { kind: "fixed", value: OWN_REGION };
    case "aws:resourceaccount":
      return { kind: "fixed", value: place.account };
  }
  if (key.startsWith("kms:")) {
    const keys = actionKeySet(action);
    if (!keys.has(template(key))) {
      if (!isKnownKmsKey(key)) throw new UnknownKeyError(`unknown KMS condition key ${key}`);
      return ABSENT;
    }
    if (key === "kms:calleraccount")
      return iam ? { kind: "fixed", value: principal.account ?? "" } : free(true);
    return free(!(key in ALWAYS_PRESENT), isMultiValued(key));
  }
  if (key.startsWith("aws:")) {
    // Organization membership and principal tags belong to IAM principals, never to a service principal.
    if (
      !iam &&
      (key === "aws:principalorgid" ||
        key === "aws:principalorgpaths" ||
        key.startsWith("aws:principaltag/"))
    ) {
      return ABSENT;
    }
    // Request-tag keys exist only on the actions that take tags (SAR: TagResource, UntagResource, CreateKey).
    if (key === "aws:tagkeys" || key.startsWith("aws:requesttag/")) {
      return actionKeySet(action).has(template(key)) ? free(true, isMultiValued(key)) : ABSENT;
    }
    return free(!(key in ALWAYS_PRESENT), isMultiValued(key));
  }
  // Another service's keys never appear in a KMS request.
  return ABSENT;
}

const KNOWN_KMS_KEYS = new Set(
  [
    "kms:BypassPolicyLockoutSafetyCheck",
    "kms:CallerAccount",
    "kms:CustomerMasterKeySpec",
    "kms:CustomerMasterKeyUsage",
    "kms:DataKeyPairSpec",
    "kms:EncryptionAlgorithm",
    "kms:EncryptionContext:${EncryptionContextKey}",
    "kms:EncryptionContextKeys",
    "kms:ExpirationModel",
    "kms:GrantConstraintSourceArn",
    "kms:GrantConstraintType",
    "kms:GrantIsForAWSResource",
    "kms:GrantOperations",
    "kms:GranteePrincipal",
    "kms:GranteeServicePrincipal",
    "kms:KeyAgreementAlgorithm",
    "kms:KeyOrigin",
    "kms:KeySpec",
    "kms:KeyUsage",
    "kms:MacAlgorithm",
    "kms:MessageType",
    "kms:MultiRegion",
    "kms:MultiRegionKeyType",
    "kms:PrimaryRegion",
    "kms:ReEncryptOnSameKey",
    "kms:ReplicaRegion",
    "kms:RequestAlias",
    "kms:ResourceAliases",
    "kms:RetiringPrincipal",
    "kms:RetiringServicePrincipal",
    "kms:RotationPeriodInDays",
    "kms:ScheduleKeyDeletionPendingWindowInDays",
    "kms:SigningAlgorithm",
    "kms:TrailingDaysWithoutKeyUsage",
    "kms:ValidTo",
    "kms:ViaService",
    "kms:WrappingAlgorithm",
    "kms:WrappingKeySpec",
  ].map((k) => k.toLowerCase()),
);

export function isKnownKmsKey(key: string): boolean {
  return KNOWN_KMS_KEYS.has(template(key)) || key.startsWith("kms:recipientattestation:");
}
