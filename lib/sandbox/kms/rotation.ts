import { createHash } from "node:crypto";
import { z } from "zod";
import type { KeyFamily, RegionKey } from "../state/model";
import type { KmsEnv } from "./env";
import { unsupported } from "./errors";
import { assertKeyState } from "./key-state";
import { decodeIndexMarker, encodeMarker, formatPage } from "./marker";
import { toEpochSeconds } from "./metadata";
import { resolveKey } from "./resolve-key";
import { keyIdSchema, limitSchema, markerSchema } from "./schemas";
import { parseInput } from "./validate";

const DAY_MS = 86_400_000;

/**
 * Completes the automatic rotations due by `now`. Rotation is a shared property of a multi-Region
 * family, so all its Regions see the same history. The new material id derives from the old one,
 * so reading state never consumes the sandbox's random stream. (No RotateKey event is written.)
 */
export function rollRotations(family: KeyFamily, now: number): void {
  const { rotation } = family;
  while (rotation.enabled && rotation.nextRotation !== undefined && rotation.nextRotation <= now) {
    const keyMaterialId = createHash("sha256")
      .update(`${family.keyMaterialId ?? family.keyId}|${rotation.nextRotation}`)
      .digest("hex");
    rotation.history.push({ date: rotation.nextRotation, type: "AUTOMATIC", keyMaterialId });
    family.keyMaterialId = keyMaterialId;
    rotation.nextRotation += rotation.periodDays * DAY_MS;
  }
}

/** Only symmetric encryption keys with KMS-generated material rotate; MRK rotation is set on the primary. */
function checkRotatable(key: RegionKey, managing: boolean): void {
  const { family } = key;
  if (family.origin === "EXTERNAL")
    throw unsupported(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  if (family.keySpec !== "SYMMETRIC_DEFAULT")
    throw unsupported(
      `${key.arn} key spec ${family.keySpec} does not support automatic key rotation.`,
    );
  if (managing && family.keyManager === "AWS")
    throw unsupported(`${key.arn} is an AWS managed key; its rotation cannot be changed.`);
  if (managing && family.multiRegion && family.primaryRegion !== key.region) {
    throw unsupported(`${key.arn} is not a multi-region primary key.`);
  }
}

const enableRotationInput = z.object({
  KeyId: keyIdSchema,
  RotationPeriodInDays: z.number().int().min(90).max(2560).optional(),
});

export function enableKeyRotation(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(enableRotationInput, input);
  const key = resolveKey(env, req.KeyId);
  assertKeyState("EnableKeyRotation", key);
  checkRotatable(key, true);
  const { rotation } = key.family;
  rollRotations(key.family, env.now);
  rotation.enabled = true;
  rotation.periodDays = req.RotationPeriodInDays ?? 365;
  rotation.nextRotation = env.now + rotation.periodDays * DAY_MS;
  return {};
}

const keyOnlyInput = z.object({ KeyId: keyIdSchema });

export function disableKeyRotation(input: unknown, env: KmsEnv): unknown {
  const key = resolveKey(env, parseInput(keyOnlyInput, input).KeyId);
  assertKeyState("DisableKeyRotation", key);
  checkRotatable(key, true);
  rollRotations(key.family, env.now);
  key.family.rotation.enabled = false;
  key.family.rotation.nextRotation = undefined;
  return {};
}

/**
 * Disabled ⇒ only KeyId and KeyRotationEnabled (docs/aws-facts.md#rotation); pending deletion reads
 * as disabled.
 */
export function getKeyRotationStatus(input: unknown, env: KmsEnv): unknown {
  const key = resolveKey(env, parseInput(keyOnlyInput, input).KeyId, { allowCrossAccount: true });
  if (key.state === "PendingImport")
    throw unsupported(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  checkRotatable(key, false);
  const { rotation } = key.family;
  rollRotations(key.family, env.now);
  const pending = key.state === "PendingDeletion" || key.state === "PendingReplicaDeletion";
  if (!rotation.enabled || pending || rotation.nextRotation === undefined)
    return { KeyId: key.arn, KeyRotationEnabled: false };
  return {
    KeyId: key.arn,
    KeyRotationEnabled: true,
    RotationPeriodInDays: rotation.periodDays,
    NextRotationDate: toEpochSeconds(rotation.nextRotation),
  };
}

const listRotationsInput = z.object({
  KeyId: keyIdSchema,
  Limit: limitSchema.optional(),
  Marker: markerSchema.optional(),
  IncludeKeyMaterial: z.enum(["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"]).optional(),
});

export function listKeyRotations(input: unknown, env: KmsEnv): unknown {
  const req = parseInput(listRotationsInput, input);
  const key = resolveKey(env, req.KeyId);
  if (key.state === "PendingImport")
    throw unsupported(`${key.arn} origin is EXTERNAL which is not valid for this operation.`);
  checkRotatable(key, false);
  rollRotations(key.family, env.now);
  const limit = req.Limit ?? 100;
  const history = key.family.rotation.history;
  const start = req.Marker === undefined ? 0 : decodeIndexMarker("ListKeyRotations", req.Marker);
  const page = history.slice(start, start + limit).map((r) => ({
    KeyId: key.family.keyId,
    KeyMaterialId: r.keyMaterialId,
    RotationDate: toEpochSeconds(r.date),
    RotationType: r.type,
  }));
  const more = start + limit < history.length;
  return formatPage(
    page,
    "Rotations",
    more ? encodeMarker("ListKeyRotations", start + limit) : undefined,
  );
}
