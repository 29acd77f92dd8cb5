import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CreateKeyCommand, ReplicateKeyCommand, TagResourceCommand } from "@aws-sdk/client-kms";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../cli/main";
import { createMemoryIo } from "../cli/memory-io";
import type { Snapshot } from "../domain/snapshot";
import type { SandboxServer } from "../sandbox/server";
import { createKms, startTestSandbox } from "../sandbox/testing/clients";
import { testBackends } from "./test-store";

// AWS strings travel as JSON, and JSON can carry what PostgreSQL's jsonb refuses: U+0000 and
// UTF-16 surrogates that are not part of a pair. Everything else must be stored exactly.
const LONE_HIGH = "x\uD800y";
const NUL_AND_LONE_LOW = "nul\u0000 low\uDC00";
const STORABLE_ODDITIES = "\u0001\u001f\u007f\u2028\uFFFE\uFFFF\uD83D\uDE00 \\u0000 literally";
const TAG_KEY_WITH_NUL = "team\u0000";

async function plantKeys(url: string): Promise<{ primaryArn: string; replicaArn: string }> {
  const east = createKms(url, "us-east-1");
  const created = await east.send(
    new CreateKeyCommand({ Description: LONE_HIGH, MultiRegion: true }),
  );
  const keyId = created.KeyMetadata?.KeyId ?? "";
  await east.send(
    new TagResourceCommand({ KeyId: keyId, Tags: [{ TagKey: TAG_KEY_WITH_NUL, TagValue: "a" }] }),
  );
  const replica = await east.send(
    new ReplicateKeyCommand({
      KeyId: keyId,
      ReplicaRegion: "eu-west-1",
      Description: NUL_AND_LONE_LOW,
    }),
  );
  await createKms(url, "us-west-2").send(new CreateKeyCommand({ Description: STORABLE_ODDITIES }));
  return {
    primaryArn: created.KeyMetadata?.Arn ?? "",
    replicaArn: replica.ReplicaKeyMetadata?.Arn ?? "",
  };
}

function description(snapshot: Snapshot, arn: string): string | undefined {
  return snapshot.keys.find((k) => k.arn === arn)?.metadata.Description;
}

describe.each(testBackends())(
  "kms-drift scan --save with strings jsonb refuses, on $name",
  (backend) => {
    let server: SandboxServer;
    let arns: { primaryArn: string; replicaArn: string };
    let env: Record<string, string>;
    let disposeStore: () => Promise<void>;
    let workDir: string;

    beforeAll(async () => {
      server = await startTestSandbox();
      arns = await plantKeys(server.url);
      ({ env, dispose: disposeStore } = await backend.storeEnv());
      workDir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-strings-"));
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await disposeStore?.();
      if (workDir) await rm(workDir, { recursive: true, force: true });
    });
    beforeEach(() => {
      vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIATESTUSER");
      vi.stubEnv("AWS_SECRET_ACCESS_KEY", "sandbox-secret");
      vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    const cli = async (argv: string[]) => {
      const io = createMemoryIo(env);
      const code = await main(argv, io);
      return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
    };
    const scanSave = () =>
      cli([
        "scan",
        "--endpoint",
        server.url,
        "--regions",
        "us-east-1,eu-west-1,us-west-2",
        "--save",
        "--no-trail",
        "--fail-on",
        "none",
        "--quiet",
      ]);

    it("saves, says what it replaced, and keeps ids and digests that verify", async () => {
      const first = await scanSave();
      expect(first.stderr).not.toMatch(/invalid input syntax|unsupported Unicode/);
      expect(first.code).toBe(0);
      const printed = JSON.parse(first.stdout) as Snapshot;
      // stdout is the scan as AWS answered; the store keeps what it can and says the rest.
      expect(description(printed, arns.primaryArn)).toBe(LONE_HIGH);
      const notes = first.stderr
        .split("\n")
        .filter((line) => line.startsWith("kms-drift: stored with a change: "))
        .map((line) => line.slice("kms-drift: stored with a change: ".length));
      expect(notes).toContain(
        `key ${arns.primaryArn}, metadata.Description: 1 lone surrogate replaced with U+FFFD`,
      );
      expect(notes).toContain(
        `key ${arns.replicaArn}, metadata.Description: 1 lone surrogate and 1 NUL character replaced with U+FFFD`,
      );
      expect(notes).toContain(
        `key ${arns.primaryArn}, tags["team\uFFFD"] (its name): 1 NUL character replaced with U+FFFD`,
      );
      const descriptionFinding = printed.findings.find((f) => f.property === "description");
      expect(descriptionFinding).toBeDefined();
      expect(notes).toContain(
        `finding ${descriptionFinding?.id}, expected: 1 lone surrogate replaced with U+FFFD`,
      );
      expect(notes.some((note) => note.includes("us-west-2"))).toBe(false);

      const exported = await cli(["export", "--snapshot", printed.id, "--format", "bundle"]);
      expect(exported.code).toBe(0);
      const stored = (JSON.parse(exported.stdout) as { parts: { snapshot: Snapshot } }).parts
        .snapshot;
      expect(stored.storageNotes).toEqual(notes);
      expect(description(stored, arns.primaryArn)).toBe("x\uFFFDy");
      expect(description(stored, arns.replicaArn)).toBe("nul\uFFFD low\uFFFD");
      expect(stored.keys.find((k) => k.arn === arns.primaryArn)?.tags).toEqual({
        "team\uFFFD": "a",
      });
      const oddKey = stored.keys.find((k) => k.region === "us-west-2");
      expect(oddKey?.metadata.Description).toBe(STORABLE_ODDITIES);
      // Ids come from the scanned strings and are kept: what the CLI printed is what is stored.
      expect(stored.findings.map((f) => f.id)).toEqual(printed.findings.map((f) => f.id));
      const storedFinding = stored.findings.find((f) => f.id === descriptionFinding?.id);
      expect([storedFinding?.expected, storedFinding?.actual]).toEqual([
        "x\uFFFDy",
        "nul\uFFFD low\uFFFD",
      ]);

      const bundleFile = path.join(workDir, "bundle.json");
      await writeFile(bundleFile, exported.stdout);
      // Unsigned, so verify can establish integrity only (exit 3): every digest matches.
      const verified = await cli(["verify", bundleFile]);
      expect(verified.stderr).toBe("");
      expect(verified.stdout).toContain("INTEGRITY ONLY: digests match");
      expect(verified.code).toBe(3);
    }, 120_000);

    it("finds nothing changed on the next scan of the same keys", async () => {
      const second = await scanSave();
      expect(second.code).toBe(0);
      const printed = JSON.parse(second.stdout) as Snapshot;
      const exported = await cli(["export", "--snapshot", printed.id, "--format", "bundle"]);
      const comparison = (
        JSON.parse(exported.stdout) as {
          parts: { comparison: { counts: Record<string, number> } | null };
        }
      ).parts.comparison;
      expect(comparison?.counts).toEqual({
        new: 0,
        resolved: 0,
        changed: 0,
        unchanged: printed.findings.length,
        unverified: 0,
      });
    }, 120_000);
  },
);

describe.each(testBackends().filter((b) => b.name === "postgres"))(
  "a PostgreSQL database that is not UTF8 ($name)",
  (backend) => {
    it("is refused when the store opens, with a message saying why", async () => {
      const { env, dispose } = await backend.storeEnv();
      const admin = new pg.Client({ connectionString: env.DATABASE_URL });
      await admin.connect();
      const name = `kms_drift_latin1_${process.pid}`;
      try {
        await admin.query(
          `create database ${name} encoding 'LATIN1' template template0 lc_collate 'C' lc_ctype 'C'`,
        );
        const url = new URL(env.DATABASE_URL ?? "");
        url.pathname = `/${name}`;
        url.search = "";
        const io = createMemoryIo({ DATABASE_URL: url.toString() });
        const code = await main(["export"], io);
        expect(io.stderrText()).toBe(
          "kms-drift export: the DATABASE_URL database uses LATIN1 encoding; kms-drift needs a UTF8 database (create database … encoding 'UTF8')\n",
        );
        expect(code).toBe(1);
      } finally {
        await admin.query(`drop database if exists ${name}`);
        await admin.end();
        await dispose();
      }
    }, 60_000);
  },
);
