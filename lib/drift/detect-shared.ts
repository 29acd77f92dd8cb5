import type { FindingProperty } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { comparablePairs } from "./readable";
import { disableRotationCommand, enableRotationCommand } from "./remediation";

type SharedProperty = Extract<FindingProperty, "keySpec" | "keyUsage" | "origin">;

const METADATA_FIELD: Record<SharedProperty, "KeySpec" | "KeyUsage" | "Origin"> = {
  keySpec: "KeySpec",
  keyUsage: "KeyUsage",
  origin: "Origin",
};

function rotationView(r: KeyRecord): { enabled: boolean; periodDays: number | null } | null {
  if (!r.rotation) return null;
  return {
    enabled: r.rotation.enabled,
    periodDays: r.rotation.enabled ? (r.rotation.periodDays ?? null) : null,
  };
}

/**
 * Key spec, usage, origin and rotation. In a multi-Region family KMS keeps them in sync, so a difference
 * is sync lag (info), never the user's drift; in alias and declared families the keys are independent and a
 * difference is real drift.
 */
export function detectSharedPropertyDrift(view: FamilyView): DraftFinding[] {
  const multiRegion = view.family.kind === "multi-region";
  const rule = multiRegion ? "shared-lag" : "independent-shared";
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "metadata")) {
    for (const property of Object.keys(METADATA_FIELD) as SharedProperty[]) {
      const field = METADATA_FIELD[property];
      const expected = reference.metadata[field];
      const value = actual.metadata[field];
      if (expected === value) continue;
      out.push({
        property,
        region: actual.region,
        keyId: actual.keyId,
        title: multiRegion
          ? `${field} of the replica in ${actual.region} (${value}) has not caught up with ${reference.region} (${expected})`
          : `${field} in ${actual.region} is ${value}, ${reference.region} has ${expected}`,
        expected,
        actual: value,
        detail: {
          rule,
          shared: multiRegion,
          note: "key spec, usage and origin cannot be changed on an existing key",
        },
        remediation: [],
        what: `${expected}->${value}`,
      });
    }
  }
  for (const { reference, actual } of comparablePairs(view, "rotation")) {
    // GetKeyRotationStatus reports false while a key is pending deletion: not a rotation difference.
    if ([reference, actual].some((r) => r.metadata.KeyState.startsWith("Pending"))) continue;
    const expected = rotationView(reference);
    const value = rotationView(actual);
    if (!expected || !value || JSON.stringify(expected) === JSON.stringify(value)) continue;
    const region = actual.region;
    const fix = expected.enabled
      ? enableRotationCommand(region, actual.keyId, expected.periodDays ?? undefined)
      : disableRotationCommand(region, actual.keyId);
    out.push({
      property: "rotation",
      region,
      keyId: actual.keyId,
      title: `rotation in ${region} (${describeRotation(value)}) differs from ${reference.region} (${describeRotation(expected)})`,
      expected,
      actual: value,
      detail: { rule, shared: multiRegion },
      // Rotation of a multi-Region key is set on the primary and synchronised: nothing to run on a replica.
      remediation: multiRegion ? [] : [fix],
      what: JSON.stringify([expected, value]),
    });
  }
  return out;
}

function describeRotation(r: { enabled: boolean; periodDays: number | null }): string {
  if (!r.enabled) return "off";
  return r.periodDays === null ? "on" : `every ${r.periodDays} days`;
}
