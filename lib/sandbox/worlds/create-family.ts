import { createAlias, createGrant, createKey, replicateKey } from "./kms-calls";
import {
  computeReferenceRegion,
  newMember,
  type Family,
  type FamilyMember,
  type FamilySpec,
} from "./family";
import { pickPolicyStyle, renderPolicy } from "./policy-render";
import type { WorldWriter } from "./writer";

/** Rotation, alias and grants for a new key. Keys awaiting imported material take no grants. */
function finishMember(
  w: WorldWriter,
  spec: FamilySpec,
  member: FamilyMember,
  options: { rotation: boolean; grants: boolean },
): void {
  if (options.rotation)
    w.call(spec.creator, member.region, "EnableKeyRotation", { KeyId: member.keyId });
  createAlias(w, spec.creator, member.region, `alias/${spec.name}`, member.keyId);
  if (!options.grants) return;
  for (const grant of spec.grants) createGrant(w, spec.creator, member.region, member.keyId, grant);
}

function isSymmetricEncryption(keySpec: string | undefined, keyUsage: string | undefined): boolean {
  return (
    (keySpec ?? "SYMMETRIC_DEFAULT") === "SYMMETRIC_DEFAULT" &&
    (keyUsage ?? "ENCRYPT_DECRYPT") === "ENCRYPT_DECRYPT"
  );
}

function createMultiRegionFamily(w: WorldWriter, spec: FamilySpec): Family {
  const [primaryRegion, ...replicaRegions] = spec.regions;
  if (primaryRegion === undefined) throw new Error("a family needs at least one region");
  const style = pickPolicyStyle(w.random, "key-policy-1");
  const primary = createKey(w, spec.creator, primaryRegion, {
    policy: renderPolicy(spec.parts, style, spec.account, primaryRegion),
    description: spec.description,
    tags: spec.tags,
    multiRegion: true,
    ...(spec.keySpec ? { keySpec: spec.keySpec } : {}),
    ...(spec.keyUsage ? { keyUsage: spec.keyUsage } : {}),
  });
  const members: FamilyMember[] = [
    newMember(
      primaryRegion,
      primary,
      { actor: spec.creator, eventName: "CreateKey" },
      { parts: spec.parts, style },
      isSymmetricEncryption(spec.keySpec, spec.keyUsage),
    ),
  ];
  // Rotation is a shared property: set on the primary only, replicas inherit it.
  const first = members[0] as FamilyMember;
  finishMember(w, spec, first, { rotation: spec.rotation, grants: true });
  for (const region of replicaRegions) {
    const replicaStyle = pickPolicyStyle(w.random, "key-policy-1");
    const replica = replicateKey(w, spec.creator, primaryRegion, primary.keyId, region, {
      policy: renderPolicy(spec.parts, replicaStyle, spec.account, region),
      description: spec.description,
      tags: spec.tags,
    });
    members.push(
      newMember(
        region,
        replica,
        { actor: spec.creator, eventName: "ReplicateKey" },
        { parts: spec.parts, style: replicaStyle },
        isSymmetricEncryption(spec.keySpec, spec.keyUsage),
      ),
    );
  }
  // A new replica is `Creating` for a few seconds; wait before grants (CreateGrant fails while creating).
  w.clock.advance(90, 180);
  for (const member of members.slice(1))
    finishMember(w, spec, member, { rotation: false, grants: true });
  return { id: `${spec.account}:${primary.keyId}`, spec, referenceRegion: primaryRegion, members };
}

function createAliasFamily(w: WorldWriter, spec: FamilySpec): Family {
  const members: FamilyMember[] = spec.regions.map((region) => {
    const override = spec.overrides?.[region] ?? {};
    const style = pickPolicyStyle(w.random, "key-policy-1");
    const keySpec = override.keySpec ?? spec.keySpec;
    const keyUsage = override.keyUsage ?? spec.keyUsage;
    const key = createKey(w, spec.creator, region, {
      policy: renderPolicy(spec.parts, style, spec.account, region),
      description: spec.description,
      tags: spec.tags,
      multiRegion: false,
      ...(keySpec ? { keySpec } : {}),
      ...(keyUsage ? { keyUsage } : {}),
      ...(override.origin ? { origin: override.origin } : {}),
    });
    const member = newMember(
      region,
      key,
      { actor: spec.creator, eventName: "CreateKey" },
      { parts: spec.parts, style },
      override.origin !== "EXTERNAL" && isSymmetricEncryption(keySpec, keyUsage),
    );
    const external = override.origin === "EXTERNAL";
    // Imported-material keys cannot rotate automatically (UnsupportedOperationException) and,
    // while `PendingImport`, refuse CreateGrant.
    finishMember(w, spec, member, { rotation: spec.rotation && !external, grants: !external });
    return member;
  });
  return {
    id: `${spec.account}:alias/${spec.name}`,
    spec,
    referenceRegion: computeReferenceRegion(spec),
    members,
  };
}

/** Creates every key of a family as its owner (usually terraform-ci) would, in sync. */
export function createFamily(w: WorldWriter, spec: FamilySpec): Family {
  return spec.kind === "multi-region"
    ? createMultiRegionFamily(w, spec)
    : createAliasFamily(w, spec);
}
