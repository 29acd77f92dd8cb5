import type { Actor } from "./actors";
import type { GrantSpec, Tags } from "./kms-calls";
import type { PolicyPart } from "./policy-parts";
import type { PolicyStyle } from "./policy-render";

/** What a world wants a family to look like when it is created (before any drift). */
export interface FamilySpec {
  account: string;
  kind: "multi-region" | "alias";
  /** Alias name without `alias/`; for alias families it is also the family's name. */
  name: string;
  /** Multi-Region: primary first, then replicas. Alias: the member regions. */
  regions: string[];
  description: string;
  tags: Tags;
  parts: PolicyPart[];
  rotation: boolean;
  keySpec?: string;
  keyUsage?: string;
  grants: GrantSpec[];
  /** Alias families only: per-region differences planted at creation (independent keys). */
  overrides?: Record<string, { keySpec?: string; keyUsage?: string; origin?: string }>;
  creator: Actor;
  /** The application role that uses the key (for read events). */
  app: string;
}

/** One key of a family, with what the world last wrote to it. */
export interface FamilyMember {
  region: string;
  keyId: string;
  arn: string;
  createdAt: Date;
  /** The CreateKey (or ReplicateKey) call that made it. */
  createdBy: { actor: Actor; eventName: string; time: Date };
  parts: PolicyPart[];
  style: PolicyStyle;
  /** Whether it can serve Encrypt/Decrypt (for read events). */
  usable: boolean;
}

/** A member as the call that made it left it (`made` is that call's answer). */
export function newMember(
  region: string,
  made: { keyId: string; arn: string; time: Date },
  createdBy: { actor: Actor; eventName: "CreateKey" | "ReplicateKey" },
  policy: { parts: PolicyPart[]; style: PolicyStyle },
  usable: boolean,
): FamilyMember {
  return {
    region,
    keyId: made.keyId,
    arn: made.arn,
    createdAt: made.time,
    createdBy: { ...createdBy, time: made.time },
    parts: [...policy.parts],
    style: policy.style,
    usable,
  };
}

export interface Family {
  id: string;
  spec: FamilySpec;
  referenceRegion: string;
  members: FamilyMember[];
}

export function aliasNameOf(family: Family): string {
  return `alias/${family.spec.name}`;
}

export function findMember(family: Family, region: string): FamilyMember {
  const member = family.members.find((m) => m.region === region);
  if (!member) throw new Error(`family ${family.id} has no key in ${region}`);
  return member;
}

/** Regions other than the reference, where drifts are planted. */
export function listDriftableRegions(family: Family): string[] {
  return family.members.map((m) => m.region).filter((r) => r !== family.referenceRegion);
}

export function computeReferenceRegion(spec: Pick<FamilySpec, "kind" | "regions">): string {
  const region = spec.kind === "multi-region" ? spec.regions[0] : [...spec.regions].sort()[0];
  if (region === undefined) throw new Error("a family needs at least one region");
  return region;
}
