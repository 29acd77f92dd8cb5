import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from "node:crypto";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import {
  BUNDLE_PARTS,
  type BundleManifest,
  type BundleSignature,
  type EvidenceBundle,
} from "./bundle-types";
import { canonicalJson } from "../domain/canonical-json";
import { collectWaivers } from "./waivers";

export function digestJson(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}

export function buildManifest(parts: EvidenceBundle["parts"]): BundleManifest {
  const digests = Object.fromEntries(BUNDLE_PARTS.map((part) => [part, digestJson(parts[part])]));
  return { algorithm: "sha256", digests: digests as BundleManifest["digests"] };
}

/** Loads an Ed25519 private key (PEM); anything else is refused with one clear line. */
export function loadSigningKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new Error("signing key is not a readable PEM private key");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`signing key must be Ed25519, not ${key.asymmetricKeyType ?? "unknown"}`);
  }
  return key;
}

export function signManifest(manifest: BundleManifest, privateKey: KeyObject): BundleSignature {
  const value = sign(null, Buffer.from(canonicalJson(manifest), "utf8"), privateKey).toString(
    "base64",
  );
  const publicKey = createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { algorithm: "ed25519", publicKey, value };
}

/** What the scan was asked to do and by which tool: the bundle's `parameters` part. */
export function bundleParameters(snapshot: Snapshot): EvidenceBundle["parts"]["parameters"] {
  return {
    scan: snapshot.parameters,
    source: snapshot.source,
    accounts: snapshot.accounts,
    tool: snapshot.tool,
  };
}

export interface CreateBundleInput {
  snapshot: Snapshot;
  /** Against the previous snapshot; null for the first one. */
  comparison: SnapshotComparison | null;
  createdAt?: Date;
  signingKey?: KeyObject;
}

export function createBundle(input: CreateBundleInput): EvidenceBundle {
  const createdAt = input.createdAt ?? new Date();
  const { snapshot } = input;
  const parts: EvidenceBundle["parts"] = {
    snapshot,
    parameters: bundleParameters(snapshot),
    comparison: input.comparison,
    waivers: collectWaivers(snapshot, createdAt),
  };
  const manifest = buildManifest(parts);
  return {
    bundleVersion: 1,
    createdAt: createdAt.toISOString(),
    tool: snapshot.tool,
    parts,
    manifest,
    ...(input.signingKey ? { signature: signManifest(manifest, input.signingKey) } : {}),
  };
}
