import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListGrantsCommand,
  ListResourceTagsCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import type { KeyMetadata, KeyRecord, ReadError, Rotation } from "../domain/key-record";
import type { KeyRef } from "../domain/region-listing";
import { errorMessage, errorName } from "../aws/errors";
import {
  parsePolicy,
  UnusableAnswerError,
  toGrant,
  toKeyMetadata,
  toListedMetadata,
  toRotation,
  toTags,
} from "./adapters";
import { collectPages } from "../aws/paginate";
import { isVerdictOnKey, ReadInterruptedError } from "./read-interrupted";
import { readLastUsage } from "./read-last-usage";

export interface ReadKeyInput {
  ref: KeyRef;
  /** From the region's ListAliases; null when it was refused. */
  aliases: string[] | null;
  /** Decides after DescribeKey whether this key's rotation is read here (MRK: only in the primary region). */
  shouldReadRotation: (metadata: KeyMetadata) => boolean;
  /** GetKeyLastUsage too (config `lastUse.read`). */
  readLastUse?: boolean;
}

/** Automatic rotation exists only for symmetric encryption keys with KMS-generated material. */
export function supportsRotation(metadata: KeyMetadata): boolean {
  return metadata.KeySpec === "SYMMETRIC_DEFAULT" && metadata.Origin === "AWS_KMS";
}

/** Only AWS managed keys carry `alias/aws/*` aliases; unknown aliases tell nothing. */
function isAwsManagedByAlias(aliases: string[] | null): boolean {
  return aliases?.some((a) => a.startsWith("alias/aws/")) ?? false;
}

function toReadError(property: ReadError["property"], err: unknown): ReadError {
  return { property, code: errorName(err), message: errorMessage(err) };
}

/**
 * Runs one property read. AWS's answer about the key (AccessDenied, NotFound…) or an unusable answer
 * becomes a ReadError on the record and null for the property; a read that got no answer about the
 * key (connection, 5xx, throttling, deadline) throws ReadInterruptedError and fails the region.
 */
async function readProperty<T>(
  property: ReadError["property"],
  keyId: string,
  errors: ReadError[],
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (!isVerdictOnKey(err)) throw new ReadInterruptedError(property, keyId, err);
    errors.push(toReadError(property, err));
    return null;
  }
}

/**
 * Last use is read like any property, except that an interruption (throttling that outlasted the
 * retries, a 5xx, a dropped connection) is recorded on the key instead of failing the region: the
 * 5 requests/s quota is shared with the console, which calls GetKeyLastUsage when a key's page is
 * opened, and one lost last-use read should not lose every other property of the region. The
 * error keeps the key's usage findings unverified rather than resolved. The deadline still ends it.
 */
async function readLastUseProperty<T>(
  keyId: string,
  errors: ReadError[],
  read: () => Promise<T>,
): Promise<T | null> {
  try {
    return await readProperty("lastUse", keyId, errors, read);
  } catch (err) {
    if (!(err instanceof ReadInterruptedError) || isDeadline(err.cause)) throw err;
    errors.push(toReadError("lastUse", err.cause));
    return null;
  }
}

// The scan deadline aborts with an error named AbortError (lib/scan/deadline.ts).
function isDeadline(err: unknown): boolean {
  return errorName(err) === "AbortError";
}

export function readRotation(client: KMSClient, keyId: string): Promise<Rotation> {
  return client.send(new GetKeyRotationStatusCommand({ KeyId: keyId })).then(toRotation);
}

/** DescribeKey by ARN: the key's metadata, or null with the error recorded. */
function describeKey(
  client: KMSClient,
  ref: KeyRef,
  errors: ReadError[],
): Promise<KeyMetadata | null> {
  return readProperty("metadata", ref.keyId, errors, async () => {
    const out = await client.send(new DescribeKeyCommand({ KeyId: ref.arn }));
    if (out.KeyMetadata === undefined)
      throw new UnusableAnswerError("DescribeKey returned no KeyMetadata");
    return toKeyMetadata(out.KeyMetadata, ref);
  });
}

/** DescribeKey, then policy, grants, tags (and rotation when asked) side by side. */
export async function readKey(client: KMSClient, input: ReadKeyInput): Promise<KeyRecord> {
  const { ref } = input;
  const errors: ReadError[] = [];
  const described = await describeKey(client, ref, errors);
  const metadata =
    described ?? toListedMetadata({ ...ref, awsManaged: isAwsManagedByAlias(input.aliases) });

  const rotationWanted =
    described !== null && supportsRotation(metadata) && input.shouldReadRotation(metadata);
  const [policy, grants, tags, rotation, lastUse] = await Promise.all([
    readProperty("policy", ref.keyId, errors, async () => {
      const out = await client.send(
        new GetKeyPolicyCommand({ KeyId: ref.keyId, PolicyName: "default" }),
      );
      return parsePolicy(out.Policy);
    }),
    readProperty("grants", ref.keyId, errors, () =>
      collectPages(async (marker) => {
        const out = await client.send(
          new ListGrantsCommand({
            KeyId: ref.keyId,
            Limit: 100,
            ...(marker ? { Marker: marker } : {}),
          }),
        );
        return { items: (out.Grants ?? []).map(toGrant), nextMarker: out.NextMarker };
      }),
    ),
    readProperty("tags", ref.keyId, errors, async () =>
      toTags(
        await collectPages(async (marker) => {
          const out = await client.send(
            new ListResourceTagsCommand({
              KeyId: ref.keyId,
              Limit: 50,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          return { items: out.Tags ?? [], nextMarker: out.NextMarker };
        }),
      ),
    ),
    rotationWanted
      ? readProperty("rotation", ref.keyId, errors, () => readRotation(client, ref.keyId))
      : Promise.resolve(
          described !== null && !supportsRotation(metadata) ? { enabled: false } : null,
        ),
    input.readLastUse
      ? readLastUseProperty(ref.keyId, errors, () => readLastUsage(client, ref.keyId))
      : Promise.resolve(null),
  ]);

  return {
    account: ref.account,
    region: ref.region,
    keyId: ref.keyId,
    arn: ref.arn,
    metadata,
    audited: true,
    policy,
    grants,
    aliases: input.aliases,
    tags,
    rotation,
    lastUse,
    errors,
  };
}

/**
 * A key in no family: described (one DescribeKey, so its state, manager and description are AWS's
 * own), but its independent properties are not read. When DescribeKey fails, the record keeps what
 * listing knows and the error.
 */
export async function describeListedKey(
  client: KMSClient,
  ref: KeyRef,
  aliases: string[] | null,
): Promise<KeyRecord> {
  const errors: ReadError[] = [];
  const described = await describeKey(client, ref, errors);
  const awsManaged = isAwsManagedByAlias(aliases);
  return {
    account: ref.account,
    region: ref.region,
    keyId: ref.keyId,
    arn: ref.arn,
    metadata: described ?? toListedMetadata({ ...ref, awsManaged }),
    audited: false,
    policy: null,
    grants: null,
    aliases,
    tags: null,
    rotation: null,
    errors,
  };
}
