import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EvidenceBundle } from "../../report/bundle-types";
import { createBundle, loadSigningKey } from "../../report/bundle";
import { WHOLE_PARSE_BYTES } from "../../report/bundle-file-reader";
import { keyFingerprint } from "../../report/key-fingerprint";
import { makeSnapshot } from "../../store/test-fixtures";
import { createMemoryIo } from "../memory-io";
import { run } from "./verify";

function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    signingKey: loadSigningKey(privateKey.export({ type: "pkcs8", format: "pem" }).toString()),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: keyFingerprint(publicKey),
  };
}

async function verify(argv: string[], env: Record<string, string> = {}) {
  const io = createMemoryIo(env);
  const code = await run(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe("kms-drift verify", () => {
  let dir: string;
  const files: Record<string, string> = {};
  const owner = keyPair();
  const attacker = keyPair();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-verify-"));
    const genuine = createBundle({
      snapshot: makeSnapshot({ id: "v-1" }),
      comparison: null,
      signingKey: owner.signingKey,
    });
    const text = JSON.stringify(genuine, null, 2);
    const tampered = text.replace(
      '"title": "policy differs in eu-west-1"',
      '"title": "policy differs in eu-west-2"',
    );
    expect(tampered).not.toBe(text);
    // The forgery that used to pass: edit the evidence, then re-sign it with a key of one's own.
    const edited = JSON.parse(text) as EvidenceBundle;
    edited.parts.snapshot.findings = [];
    const resigned = createBundle({
      snapshot: edited.parts.snapshot,
      comparison: null,
      createdAt: new Date(genuine.createdAt),
      signingKey: attacker.signingKey,
    });
    // The same, but keeping the owner's public key in the bundle to look genuine.
    const borrowed = {
      ...resigned,
      signature: { ...resigned.signature, publicKey: owner.publicPem },
    };
    const entries: Record<string, string> = {
      "signed.json": text,
      "tampered.json": tampered,
      "resigned.json": JSON.stringify(resigned),
      "borrowed.json": JSON.stringify(borrowed),
      "unsigned.json": JSON.stringify(
        createBundle({ snapshot: makeSnapshot({ id: "v-2" }), comparison: null }),
      ),
      "garbage.json": "{ not json",
      "owner.pem": owner.publicPem,
      "attacker.pem": attacker.publicPem,
      "garbage.pem": "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n",
      "rsa.pem": generateKeyPairSync("rsa", { modulusLength: 1024 })
        .publicKey.export({ type: "spki", format: "pem" })
        .toString(),
    };
    for (const [name, content] of Object.entries(entries)) {
      files[name] = path.join(dir, name);
      await writeFile(path.join(dir, name), content);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const f = (name: string) => files[name] ?? name;

  it("exits 0 for a genuine bundle with the owner's public key or pinned fingerprint", async () => {
    const byKey = await verify([f("signed.json"), "--public-key", f("owner.pem")]);
    expect(byKey.code).toBe(0);
    expect(byKey.stdout).toBe(
      `${f("signed.json")}: verified: digests match, signed by trusted key ${owner.fingerprint}\n`,
    );
    const byPrint = await verify([f("signed.json"), "--fingerprint", owner.fingerprint]);
    expect(byPrint.code).toBe(0);
    const twoPins = await verify([
      f("signed.json"),
      "--fingerprint",
      attacker.fingerprint,
      "--fingerprint",
      owner.fingerprint,
    ]);
    expect(twoPins.code).toBe(0);
  });

  it("takes the trusted key from KMS_DRIFT_TRUSTED_KEY (a fingerprint or a PEM file)", async () => {
    expect(
      (await verify([f("signed.json")], { KMS_DRIFT_TRUSTED_KEY: owner.fingerprint })).code,
    ).toBe(0);
    expect((await verify([f("signed.json")], { KMS_DRIFT_TRUSTED_KEY: f("owner.pem") })).code).toBe(
      0,
    );
    const wrong = await verify([f("signed.json")], { KMS_DRIFT_TRUSTED_KEY: attacker.fingerprint });
    expect(wrong.code).toBe(1);
    // A flag replaces the environment's key.
    const flag = await verify([f("signed.json"), "--fingerprint", owner.fingerprint], {
      KMS_DRIFT_TRUSTED_KEY: attacker.fingerprint,
    });
    expect(flag.code).toBe(0);
  });

  it("an edited and re-signed bundle: integrity only without a key, invalid with the owner's", async () => {
    const bare = await verify([f("resigned.json")]);
    expect(bare.code).toBe(3);
    expect(bare.stdout).toBe(
      `${f("resigned.json")}: INTEGRITY ONLY: digests match and the signature fits the embedded key ${attacker.fingerprint}, but that key is not trusted; pass --public-key or --fingerprint to establish the signer\n`,
    );
    const byKey = await verify([f("resigned.json"), "--public-key", f("owner.pem")]);
    expect(byKey.code).toBe(1);
    expect(byKey.stderr).toBe(
      `kms-drift verify: ${f("resigned.json")}: signature: does not verify against the trusted public key ${owner.fingerprint} (the bundle names ${attacker.fingerprint})\n`,
    );
    const byPrint = await verify([f("resigned.json"), "--fingerprint", owner.fingerprint]);
    expect(byPrint.code).toBe(1);
    expect(byPrint.stderr).toContain(
      `signature: made by key ${attacker.fingerprint}, which is not pinned (pinned: ${owner.fingerprint})`,
    );
  });

  it("a re-signed bundle that embeds the owner's public key fails against the pin", async () => {
    const result = await verify([f("borrowed.json"), "--fingerprint", owner.fingerprint]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `signature: does not verify against the pinned key ${owner.fingerprint}`,
    );
    expect((await verify([f("borrowed.json")])).code).toBe(1);
  });

  it("an unsigned bundle is integrity only, and invalid when a trusted key is required", async () => {
    const bare = await verify([f("unsigned.json")]);
    expect(bare.code).toBe(3);
    expect(bare.stdout).toMatch(/INTEGRITY ONLY: digests match, but the bundle is unsigned/);
    const keyed = await verify([f("unsigned.json"), "--public-key", f("owner.pem")]);
    expect(keyed.code).toBe(1);
    expect(keyed.stderr).toContain("the bundle is not signed, but a trusted key was given");
  });

  it("exits 1 and names the part that does not match", async () => {
    const result = await verify([f("tampered.json"), "--public-key", f("owner.pem")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('part "snapshot" does not match its digest');
  });

  it("exits 1 for a file that is not a bundle", async () => {
    const result = await verify([f("garbage.json")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not valid JSON/);
  });

  it("exits 2 with one line for a malformed key file or fingerprint, as export does for its key", async () => {
    const cases: [string[], RegExp][] = [
      [
        ["--public-key", f("garbage.pem")],
        /--public-key .*garbage\.pem: not a readable PEM public key$/,
      ],
      [["--public-key", f("rsa.pem")], /--public-key .*rsa\.pem: must be an Ed25519 key, not rsa$/],
      [["--fingerprint", "SHA256:short"], /--fingerprint "SHA256:short": expected SHA256: and 43/],
      [["--fingerprint", "md5:00"], /--fingerprint "md5:00"/],
    ];
    for (const [flags, message] of cases) {
      const result = await verify([f("signed.json"), ...flags]);
      expect(result.code).toBe(2);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    }
    const env = await verify([f("signed.json")], { KMS_DRIFT_TRUSTED_KEY: f("garbage.pem") });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/^kms-drift verify: KMS_DRIFT_TRUSTED_KEY .*not a readable PEM/);
  });

  it("exits 2 with one line on usage errors", async () => {
    for (const argv of [
      [],
      ["a", "b"],
      ["--bogus", f("signed.json")],
      [path.join(dir, "missing.json")],
      [f("signed.json"), "--public-key", path.join(dir, "missing.pem")],
    ]) {
      const result = await verify(argv);
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe("kms-drift verify of a bundle read in pieces (over 16 MB)", () => {
  let dir: string;
  const owner = keyPair();
  let text: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-verify-large-"));
    const bundle = createBundle({
      snapshot: makeSnapshot({ id: "v-large", extraKeys: 12_000 }),
      comparison: null,
      signingKey: owner.signingKey,
    });
    text = JSON.stringify(bundle, null, 2);
    expect(Buffer.byteLength(text)).toBeGreaterThan(WHOLE_PARSE_BYTES);
    await writeFile(path.join(dir, "owner.pem"), owner.publicPem);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function verifyText(name: string, body: string) {
    await writeFile(path.join(dir, name), body);
    return verify([path.join(dir, name), "--public-key", path.join(dir, "owner.pem")]);
  }

  it("verifies it", async () => {
    const result = await verifyText("large.json", text);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("verified: digests match, signed by trusted key SHA256:");
  });

  it("names the part a changed key is in", async () => {
    const tampered = text.replace('"keyId": "000011999-', '"keyId": "000011998-');
    expect(tampered).not.toBe(text);
    const result = await verifyText("large-tampered.json", tampered);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('part "snapshot" does not match its digest');
  });

  it("exits 1 with one line for a key that is not JSON, found while digesting", async () => {
    const broken = text.replace('"keyId": "000011999-', '"keyId": x"000011999-');
    expect(broken).not.toBe(text);
    const result = await verifyText("large-broken.json", broken);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `kms-drift verify: ${path.join(dir, "large-broken.json")}: not an evidence bundle: not valid JSON\n`,
    );
  });
});
