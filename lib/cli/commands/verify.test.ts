import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBundle, loadSigningKey } from "../../report/bundle";
import { makeSnapshot } from "../../store/test-fixtures";
import { createMemoryIo } from "../memory-io";
import { run } from "./verify";

describe("kms-drift verify", () => {
  let dir: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-verify-"));
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const other = generateKeyPairSync("ed25519").publicKey;
    const signingKey = loadSigningKey(
      privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    );
    const bundle = createBundle({
      snapshot: makeSnapshot({ id: "v-1" }),
      comparison: null,
      signingKey,
    });
    const text = JSON.stringify(bundle, null, 2);
    const tampered = text.replace(
      '"title": "policy differs in eu-west-1"',
      '"title": "policy differs in eu-west-2"',
    );
    expect(tampered).not.toBe(text);
    const entries: Record<string, string> = {
      "signed.json": text,
      "tampered.json": tampered,
      "unsigned.json": JSON.stringify(
        createBundle({ snapshot: makeSnapshot({ id: "v-2" }), comparison: null }),
      ),
      "garbage.json": "{ not json",
      "public.pem": publicKey.export({ type: "spki", format: "pem" }).toString(),
      "other.pem": other.export({ type: "spki", format: "pem" }).toString(),
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

  it("exits 0 for a valid signed bundle, with and without the trusted key", async () => {
    const io = createMemoryIo();
    expect(await run([f("signed.json")], io)).toBe(0);
    expect(io.stdoutText()).toMatch(/valid, signature verified/);
    expect(await run([f("signed.json"), "--public-key", f("public.pem")], createMemoryIo())).toBe(
      0,
    );
  });

  it("exits 1 and names the part that does not match", async () => {
    const io = createMemoryIo();
    expect(await run([f("tampered.json")], io)).toBe(1);
    expect(io.stderrText()).toContain('part "snapshot" does not match its digest');
  });

  it("exits 1 when the signature does not verify against the given key", async () => {
    const io = createMemoryIo();
    expect(await run([f("signed.json"), "--public-key", f("other.pem")], io)).toBe(1);
    expect(io.stderrText()).toContain("signature: does not verify against the given public key");
    const unsigned = createMemoryIo();
    expect(await run([f("unsigned.json"), "--public-key", f("public.pem")], unsigned)).toBe(1);
    expect(unsigned.stderrText()).toContain("not signed");
  });

  it("exits 1 for a file that is not a bundle", async () => {
    const io = createMemoryIo();
    expect(await run([f("garbage.json")], io)).toBe(1);
    expect(io.stderrText()).toMatch(/not valid JSON/);
  });

  it("exits 2 with one line on usage errors", async () => {
    for (const argv of [
      [],
      ["a", "b"],
      ["--bogus", f("signed.json")],
      [path.join(dir, "missing.json")],
    ]) {
      const io = createMemoryIo();
      expect(await run(argv, io)).toBe(2);
      expect(io.stderrText().trim().split("\n")).toHaveLength(1);
      expect(io.stderrText()).not.toMatch(/\n\s+at /);
    }
  });
});
