import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compareFindings } from "../history/compare";
import { makeSnapshot } from "../store/test-fixtures";
import { BUNDLE_PARTS, type BundlePart, type EvidenceBundle } from "./bundle-types";
import { buildManifest, createBundle, loadSigningKey } from "./bundle";
import { canonicalJson } from "../domain/canonical-json";
import { keyFingerprint, loadPublicKey, parseFingerprint } from "./key-fingerprint";
import { assessBundle, verifyBundle } from "./verify-bundle";

const previous = makeSnapshot({ id: "prev", startedAt: "2026-11-20T08:00:00.000Z" });
const snapshot = makeSnapshot({
  id: "curr",
  startedAt: "2026-11-21T08:00:00.000Z",
  findings: previous.findings.slice(1),
});
const comparison = compareFindings(previous.findings, snapshot.findings, {
  from: "prev",
  to: "curr",
});
const createdAt = new Date("2026-11-24T09:00:00.000Z");

function keyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** Flips one byte inside the serialised text of one part (a letter or digit, so the JSON stays valid). */
function flipByteInPart(bundle: EvidenceBundle, part: BundlePart): unknown {
  const text = JSON.stringify(bundle);
  const partText = JSON.stringify(bundle.parts[part]);
  const index = text.indexOf(`"${part}":${partText}`);
  expect(index).toBeGreaterThan(0);
  const start = index + part.length + 3;
  const offset = partText.search(/[A-Za-z0-9]/);
  expect(offset).toBeGreaterThanOrEqual(0);
  const at = start + offset;
  const flipped = String.fromCharCode(text.charCodeAt(at) ^ 1);
  return JSON.parse(text.slice(0, at) + flipped + text.slice(at + 1));
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe("evidence bundle", () => {
  it("has the documented shape and verifies", () => {
    const bundle = createBundle({ snapshot, comparison, createdAt });
    expect(bundle).toMatchObject({
      bundleVersion: 1,
      createdAt: createdAt.toISOString(),
      tool: snapshot.tool,
      manifest: { algorithm: "sha256" },
    });
    expect(Object.keys(bundle.manifest.digests).sort()).toEqual([...BUNDLE_PARTS].sort());
    expect(bundle.parts.waivers).toEqual([
      expect.objectContaining({
        owner: "team-sec",
        findingIds: [snapshot.findings.find((f) => f.waived)?.id],
      }),
    ]);
    expect(verifyBundle(bundle)).toEqual({ ok: true, problems: [] });
    expect(verifyBundle(JSON.parse(JSON.stringify(bundle)))).toEqual({ ok: true, problems: [] });
  });

  it.each(BUNDLE_PARTS)("fails and names the part when one byte of %s is flipped", (part) => {
    const bundle = createBundle({ snapshot, comparison, createdAt });
    const result = verifyBundle(flipByteInPart(bundle, part));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([`part "${part}" does not match its digest`]);
  });

  it("leaves out expired waivers", () => {
    const bundle = createBundle({
      snapshot,
      comparison,
      createdAt: new Date("2100-01-01T00:00:00Z"),
    });
    expect(bundle.parts.waivers).toEqual([]);
  });

  it("verifies a signed bundle against its trusted key; without one it is integrity only", () => {
    const { privatePem, publicPem } = keyPair();
    const bundle = createBundle({
      snapshot,
      comparison,
      createdAt,
      signingKey: loadSigningKey(privatePem),
    });
    const signer = keyFingerprint(loadPublicKey(publicPem));
    expect(bundle.signature?.algorithm).toBe("ed25519");
    expect(assessBundle(bundle)).toEqual({ status: "integrity-only", signer });
    expect(assessBundle(bundle, { publicKeys: [loadPublicKey(publicPem)] })).toEqual({
      status: "verified",
      signer,
    });
    expect(assessBundle(bundle, { fingerprints: [signer] })).toEqual({
      status: "verified",
      signer,
    });
    expect(verifyBundle(bundle, { publicKey: publicPem })).toEqual({ ok: true, problems: [] });
  });

  it("catches parts altered and re-digested under a signature", () => {
    const { privatePem } = keyPair();
    const bundle = createBundle({
      snapshot,
      comparison,
      createdAt,
      signingKey: loadSigningKey(privatePem),
    });
    const forged: EvidenceBundle = structuredClone(bundle);
    forged.parts.snapshot.findings = forged.parts.snapshot.findings.slice(1);
    forged.manifest = buildManifest(forged.parts);
    expect(assessBundle(forged)).toEqual({
      status: "invalid",
      problems: ["signature: does not verify against the embedded public key"],
    });
  });

  it("never verifies a bundle re-signed with another key", () => {
    const real = keyPair();
    const attacker = keyPair();
    const bundle = createBundle({
      snapshot,
      comparison,
      createdAt,
      signingKey: loadSigningKey(real.privatePem),
    });
    const forged: EvidenceBundle = structuredClone(bundle);
    forged.parts.snapshot.findings = [];
    const resigned = createBundle({
      snapshot: forged.parts.snapshot,
      comparison,
      createdAt,
      signingKey: loadSigningKey(attacker.privatePem),
    });
    const realPrint = keyFingerprint(loadPublicKey(real.publicPem));
    const attackerPrint = keyFingerprint(loadPublicKey(attacker.publicPem));
    expect(assessBundle(resigned)).toEqual({ status: "integrity-only", signer: attackerPrint });
    expect(assessBundle(resigned, { publicKeys: [loadPublicKey(real.publicPem)] })).toEqual({
      status: "invalid",
      problems: [
        `signature: does not verify against the trusted public key ${realPrint} (the bundle names ${attackerPrint})`,
      ],
    });
    expect(assessBundle(resigned, { fingerprints: [realPrint] }).status).toBe("invalid");
    expect(verifyBundle(resigned, { publicKey: real.publicPem }).ok).toBe(false);
  });

  it("fingerprints keys as SHA256 of the DER public key, and parses pinned ones", () => {
    const { privatePem, publicPem } = keyPair();
    const print = keyFingerprint(loadPublicKey(publicPem));
    expect(print).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyFingerprint(loadSigningKey(privatePem))).toBe(print);
    expect(keyFingerprint(loadPublicKey(keyPair().publicPem))).not.toBe(print);
    expect(parseFingerprint(` ${print}= `)).toBe(print);
    expect(parseFingerprint("SHA256:abc")).toBeNull();
    expect(() => loadPublicKey("nonsense")).toThrow(/not a readable PEM public key/);
  });

  it("requires a signature when a public key is given", () => {
    const { publicPem } = keyPair();
    const result = verifyBundle(createBundle({ snapshot, comparison: null, createdAt }), {
      publicKey: publicPem,
    });
    expect(result.problems).toEqual([
      "signature: the bundle is not signed, but a trusted key was given",
    ]);
  });

  it("rejects something that is not a bundle, and a non-Ed25519 signing key", () => {
    expect(verifyBundle({ hello: "world" }).problems[0]).toMatch(
      /^not an evidence bundle: bundleVersion/,
    );
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() =>
      loadSigningKey(privateKey.export({ type: "pkcs8", format: "pem" }).toString()),
    ).toThrow(/must be Ed25519/);
    expect(() => loadSigningKey("nonsense")).toThrow(/not a readable PEM/);
  });
});
