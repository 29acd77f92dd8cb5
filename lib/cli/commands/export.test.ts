import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateAsffFinding } from "../../report/asff-validate";
import { CSV_COLUMNS } from "../../report/csv";
import { keyFingerprint, loadPublicKey } from "../../report/key-fingerprint";
import { verifyBundle } from "../../report/verify-bundle";
import { openStore } from "../../store/store";
import type { SnapshotStore } from "../../store/store-types";
import { makeSnapshot } from "../../store/test-fixtures";
import { run } from "./export";
import { run as runVerify } from "./verify";
import { createMemoryIo } from "../memory-io";

describe("kms-drift export", () => {
  let dir: string;
  let env: Record<string, string>;
  let store: SnapshotStore;
  let keyFile: string;
  let publicFile: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-export-"));
    env = { KMS_DRIFT_DATA_DIR: path.join(dir, "data") };
    store = await openStore({ env });
    const first = makeSnapshot({ id: "exp-1", startedAt: "2026-11-20T08:00:00.000Z" });
    await store.saveSnapshot(first);
    await store.saveSnapshot(
      makeSnapshot({
        id: "exp-2",
        startedAt: "2026-11-21T08:00:00.000Z",
        findings: first.findings.slice(1),
      }),
    );
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    keyFile = path.join(dir, "key.pem");
    publicFile = path.join(dir, "key.pub.pem");
    await writeFile(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
    await writeFile(publicFile, publicKey.export({ type: "spki", format: "pem" }).toString());
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a signed evidence bundle of the latest snapshot that verify accepts", async () => {
    const out = path.join(dir, "bundle.json");
    const io = createMemoryIo(env);
    expect(await run(["--format", "bundle", "--out", out, "--sign-key", keyFile], io)).toBe(0);
    const bundle: unknown = JSON.parse(await readFile(out, "utf8"));
    expect(bundle).toMatchObject({
      parts: {
        snapshot: { id: "exp-2" },
        comparison: { fromSnapshotId: "exp-1", counts: { resolved: 1 } },
      },
    });
    expect(verifyBundle(bundle, { publicKey: await readFile(publicFile, "utf8") }).ok).toBe(true);
    expect(await runVerify([out, "--public-key", publicFile], createMemoryIo())).toBe(0);
  });

  it("prints the signing key's fingerprint, which verify then pins", async () => {
    const out = path.join(dir, "pinned.json");
    const io = createMemoryIo(env);
    expect(await run(["--out", out, "--sign-key", keyFile], io)).toBe(0);
    const expected = keyFingerprint(loadPublicKey(await readFile(publicFile, "utf8")));
    const printed =
      /signed with Ed25519 key (SHA256:\S+) \(pin it: kms-drift verify FILE --fingerprint (SHA256:\S+)\)/.exec(
        io.stderrText(),
      );
    expect(printed?.[1]).toBe(expected);
    expect(printed?.[2]).toBe(expected);
    const verify = createMemoryIo();
    expect(await runVerify([out, "--fingerprint", expected], verify)).toBe(0);
    expect(verify.stdoutText()).toContain(`signed by trusted key ${expected}`);
  });

  it("exports CSV with the documented header to stdout", async () => {
    const io = createMemoryIo(env);
    expect(await run(["--snapshot", "exp-1", "--format", "csv"], io)).toBe(0);
    const lines = io.stdoutText().split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines.filter((l) => l.startsWith("exp-1,"))).toHaveLength(5);
  });

  it("exports HTML and ASFF", async () => {
    const html = createMemoryIo(env);
    expect(await run(["--format", "html"], html)).toBe(0);
    expect(html.stdoutText()).toContain("<title>kms-drift report — exp-2</title>");
    const asff = createMemoryIo(env);
    expect(await run(["--format", "asff", "--snapshot", "latest"], asff)).toBe(0);
    const findings: unknown[] = JSON.parse(asff.stdoutText());
    expect(findings).toHaveLength(4);
    expect(findings.flatMap(validateAsffFinding)).toEqual([]);
  });

  it("exits 1 for an unknown snapshot", async () => {
    const io = createMemoryIo(env);
    expect(await run(["--snapshot", "nope", "--format", "csv"], io)).toBe(1);
    expect(io.stderrText()).toBe('kms-drift export: no snapshot "nope" in the store\n');
  });

  it("exits 2 with one clear line on usage errors", async () => {
    const cases: [string[], RegExp][] = [
      [["--format", "pdf"], /--format must be one of bundle, csv, html, asff/],
      [["--colour"], /Unknown option/],
      [["--format", "csv", "--sign-key", keyFile], /--sign-key applies only to --format bundle/],
      [["--sign-key", path.join(dir, "missing.pem")], /cannot read --sign-key/],
      [["--sign-key", publicFile], /--sign-key .*not a readable PEM private key/],
      [
        ["--out", path.join(dir, "nowhere", "x.json")],
        /--out .*: directory .*nowhere does not exist/,
      ],
    ];
    for (const [argv, message] of cases) {
      const io = createMemoryIo(env);
      expect(await run(argv, io)).toBe(2);
      expect(io.stderrText()).toMatch(message);
      expect(io.stderrText().trim().split("\n")).toHaveLength(1);
    }
  });

  it.each(["bundle", "html"])(
    "%s: exits 1 for an unknown snapshot, and for a row it cannot read, naming its field",
    async (format) => {
      const unknown = createMemoryIo(env);
      expect(await run(["--snapshot", "nope", "--format", format], unknown)).toBe(1);
      expect(unknown.stderrText()).toBe('kms-drift export: no snapshot "nope" in the store\n');

      // Each the earliest so far: a save compares with the snapshot before it, which must be readable.
      const startedAt =
        format === "bundle" ? "2026-11-19T08:00:00.000Z" : "2026-11-18T08:00:00.000Z";
      const odd = makeSnapshot({ id: `odd-${format}`, startedAt });
      const finding = odd.findings[1];
      if (finding) Object.assign(finding, { detail: { rule: "no-such-rule" } });
      await store.saveSnapshot(odd);
      const io = createMemoryIo(env);
      expect(await run(["--snapshot", odd.id, "--format", format], io)).toBe(1);
      expect(io.stdoutText()).toBe("");
      expect(io.stderrText()).toMatch(
        new RegExp(
          `^kms-drift export: stored snapshot ${odd.id} is not readable: findings\\[1\\]\\.detail\\.rule: [^\\n]+\\n$`,
        ),
      );
    },
  );
});
