import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import { main } from "../cli/main";
import { createMemoryIo } from "../cli/memory-io";
import type { SnapshotComparison } from "../history/compare";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import { stubAuditorCredentialsEnv } from "../sandbox/testing/auditor-env";

const DEMO_CONFIG = "lib/sandbox/worlds/demo.config.json";
const DENIED = "eu-west-1";

stubAuditorCredentialsEnv();

async function runCli(argv: string[], env: Record<string, string>) {
  const io = createMemoryIo(env);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

const isAliasFamily = (f: Finding) => f.familyId.includes(":alias/");

describe(`a scan where kms:ListAliases is denied in ${DENIED}`, () => {
  it("leaves every key's aliases unknown there, forms no alias family from it, and resolves nothing", async () => {
    const env = { KMS_DRIFT_DATA_DIR: await mkdtemp(join(tmpdir(), "kms-drift-aliases-denied-")) };
    const scanOn = async (server: SandboxServer) => {
      try {
        const argv = [
          "scan",
          "--endpoint",
          server.url,
          "--regions",
          "all",
          "--config",
          DEMO_CONFIG,
        ];
        return await runCli([...argv, "--save", "--no-trail", "--fail-on", "none", "--quiet"], env);
      } finally {
        await server.close();
      }
    };
    // The same seed builds the same world: the second differs only by the denied ListAliases.
    const before = JSON.parse(
      (await scanOn(await startSandboxServer({ port: 0, world: "demo", seed: 1 }))).stdout,
    ) as Snapshot;
    const denied = await scanOn(
      await startSandboxServer({
        port: 0,
        world: "demo",
        seed: 1,
        faults: { denied: [{ action: "kms:ListAliases", region: DENIED }] },
      }),
    );
    const after = JSON.parse(denied.stdout) as Snapshot;

    // The region was read (partial), and says what it is missing.
    const regions = after.regions.filter((r) => r.region === DENIED);
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) {
      expect(region.status).toBe("partial");
      expect(region.error).toMatch(/^ListAliases failed \(AccessDeniedException\): /);
    }

    // Every key there: aliases unknown (null) with the refusal as its error; none elsewhere.
    const keys = after.keys.filter((k) => k.region === DENIED);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key.aliases).toBeNull();
      expect(key.errors.filter((e) => e.property === "aliases")).toEqual([
        {
          property: "aliases",
          code: "AccessDeniedException",
          message: expect.stringMatching(/is not authorized to perform: kms:ListAliases /),
        },
      ]);
    }
    expect(after.keys.filter((k) => k.region !== DENIED && k.aliases === null)).toEqual([]);

    // No alias family is formed from the region, and each says its member there is unknown.
    const aliasFamilies = after.families.filter((f) => f.kind === "alias");
    expect(aliasFamilies.length).toBeGreaterThan(0);
    for (const family of aliasFamilies) {
      expect(family.members.map((m) => m.region)).not.toContain(DENIED);
      expect(family.flags).toContain(`aliases-not-read:${DENIED}`);
    }

    // Nothing is claimed about aliases there: no "missing"/"extra" alias, no alias-family drift.
    expect(after.findings.filter((f) => f.property === "aliases" && f.region === DENIED)).toEqual(
      [],
    );
    const aliasFindingsThere = after.findings.filter(
      (f) => isAliasFamily(f) && f.region === DENIED,
    );
    expect(aliasFindingsThere.map((f) => f.title)).toEqual(
      aliasFindingsThere.map(() =>
        expect.stringMatching(
          new RegExp(
            `^could not compare: the reference region may be ${DENIED}, whose aliases could not be listed \\(ListAliases: AccessDeniedException\\)$`,
          ),
        ),
      ),
    );

    // History: what the denied scan no longer shows is unverified, never resolved.
    const bundle = await runCli(["export", "--snapshot", after.id, "--format", "bundle"], env);
    expect(bundle.code).toBe(0);
    const comparison = (JSON.parse(bundle.stdout) as { parts: { comparison: SnapshotComparison } })
      .parts.comparison;
    const ids = (findings: Finding[]) => findings.map((f) => f.id).sort();
    const afterIds = new Set(after.findings.map((f) => f.id));
    const gone = before.findings.filter((f) => !afterIds.has(f.id));
    expect(gone.filter((f) => isAliasFamily(f) && f.region === DENIED).length).toBeGreaterThan(0);
    expect(comparison.resolved).toEqual([]);
    expect(ids(comparison.unverified)).toEqual(ids(gone));
  }, 120_000);
});
