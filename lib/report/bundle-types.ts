import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import type { WaiverEvidence } from "./waivers";

export const BUNDLE_PARTS = ["snapshot", "parameters", "comparison", "waivers"] as const;
export type BundlePart = (typeof BUNDLE_PARTS)[number];

export interface BundleParameters {
  scan: Snapshot["parameters"];
  source: Snapshot["source"];
  accounts: string[];
  tool: Snapshot["tool"];
}

export interface BundleManifest {
  algorithm: "sha256";
  digests: Record<BundlePart, string>;
}

export interface BundleSignature {
  algorithm: "ed25519";
  /** SPKI, PEM. */
  publicKey: string;
  /** Base64 Ed25519 signature over the canonical JSON of `manifest`. */
  value: string;
}

/** A compliance evidence bundle: each part is digested; the manifest of digests may be signed. */
export interface EvidenceBundle {
  bundleVersion: 1;
  createdAt: string;
  tool: { name: "kms-drift"; version: string };
  parts: {
    snapshot: Snapshot;
    parameters: BundleParameters;
    comparison: SnapshotComparison | null;
    waivers: WaiverEvidence[];
  };
  manifest: BundleManifest;
  signature?: BundleSignature;
}
