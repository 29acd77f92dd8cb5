import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Finding } from "../domain/finding";
import type { Snapshot } from "../domain/snapshot";
import type { SnapshotComparison } from "../history/compare";
import { startSandboxServer, type SandboxServer } from "../sandbox/server";
import type { CliIo } from "./io";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";
import { EXIT_INCOMPLETE } from "./scan-outcome";
import { stubAuditorCredentialsEnv } from "../sandbox/testing/auditor-env";

const DEMO_CONFIG = "lib/sandbox/worlds/demo.config.json";
// A transport failure written up as if AWS had said something about a key.
const TRANSPORT_AS_KEY_FACT = /could not be read: (Error|TimeoutError|ReadInterruptedError)\b/;

stubAuditorCredentialsEnv();

function parseSnapshot(text: string): Snapshot {
  return JSON.parse(text) as Snapshot;
}

/**
 * Runs the CLI; `onStderr` sees every line it writes there, progress included (plain lines, one per
 * phase change or finished region), which is how a test times a fault to a scan phase.
 */
async function runCli(
  argv: string[],
  env: Record<string, string> = {},
  onStderr?: (line: string) => void,
) {
  const memory = createMemoryIo(env);
  const lines: string[] = [];
  const stderr = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      const text = chunk.toString();
      lines.push(text);
      onStderr?.(text);
      callback();
    },
  });
  const io: CliIo = { ...memory, stderr };
  const code = await main(argv, io);
  return { code, stdout: memory.stdoutText(), stderr: lines.join("") };
}

/** Closes the sandbox (every connection dropped, new ones refused) as soon as the read phase starts. */
function killAtReadPhase(server: SandboxServer) {
  let closing: Promise<void> | undefined;
  return {
    onStderr: (line: string) => {
      if (closing === undefined && line.startsWith("kms-drift: read ")) closing = server.close();
    },
    closed: () => closing,
  };
}

describe("a scan whose endpoint dies in the read phase", () => {
  it("stores no false evidence: regions error, snapshot incomplete, exit 3, old findings unverified", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { latencyMs: 30 },
    });
    const env = { KMS_DRIFT_DATA_DIR: await mkdtemp(join(tmpdir(), "kms-drift-incomplete-")) };
    const scan = ["scan", "--endpoint", server.url, "--regions", "all", "--config", DEMO_CONFIG];
    const flags = ["--save", "--no-trail"];

    const full = await runCli([...scan, ...flags, "--fail-on", "none"], env);
    expect(full.code).toBe(0);
    const before = parseSnapshot(full.stdout);
    expect(before.summary.status).toBe("complete");
    expect(before.findings.length).toBeGreaterThan(20);

    const kill = killAtReadPhase(server);
    const cut = await runCli([...scan, ...flags], env, kill.onStderr);
    const closing = kill.closed();
    expect(closing, "the sandbox was closed during the scan").toBeDefined();
    await closing;
    const after = parseSnapshot(cut.stdout);

    // Every region holding keys failed; regions with none had nothing left to read and stay ok.
    const keyed = new Set(before.keys.map((k) => `${k.account}/${k.region}`));
    for (const region of after.regions) {
      const name = `${region.account}/${region.region}`;
      if (region.status === "not-enabled") continue;
      expect([name, region.status]).toEqual([name, keyed.has(name) ? "error" : "ok"]);
    }
    expect(after.regions.find((r) => r.status === "error")?.error).toMatch(
      /^reading \w+ of \S+ failed: /,
    );
    expect(after.summary.status).toBe("incomplete");
    expect(after.summary.regions.error).toBe(keyed.size);
    expect(after.findings.filter((f) => TRANSPORT_AS_KEY_FACT.test(f.title))).toEqual([]);
    expect(after.keys.flatMap((k) => k.errors)).toEqual([]);
    expect(cut.code).toBe(EXIT_INCOMPLETE);
    expect(cut.stderr).toMatch(
      new RegExp(
        `^kms-drift: incomplete scan: ${keyed.size} of ${after.regions.length} regions failed and are unknown \\(`,
        "m",
      ),
    );
    expect(cut.stderr).toMatch(/snapshot [0-9a-f-]{36} saved/);

    // What the store keeps for history, the bundle and notifications: nothing was fixed.
    const bundle = await runCli(["export", "--snapshot", after.id, "--format", "bundle"], env);
    expect(bundle.code).toBe(0);
    const comparison = (JSON.parse(bundle.stdout) as { parts: { comparison: SnapshotComparison } })
      .parts.comparison;
    const ids = (findings: Finding[]) => findings.map((f) => f.id).sort();
    expect(comparison.resolved).toEqual([]);
    expect(ids(comparison.unverified)).toEqual(ids(before.findings));
    expect(comparison.counts).toMatchObject({ resolved: 0, unverified: before.findings.length });
  }, 120_000);

  it("exits 2 and saves nothing when no region could be read", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { latencyMs: 30 },
    });
    const dir = await mkdtemp(join(tmpdir(), "kms-drift-nothing-read-"));
    // Only the base account: its three regions all hold keys, so none can finish once the endpoint is gone.
    const config = join(dir, "config.json");
    await writeFile(config, "{}");
    const env = { KMS_DRIFT_DATA_DIR: join(dir, "data") };
    const kill = killAtReadPhase(server);
    const result = await runCli(
      [
        "scan",
        "--endpoint",
        server.url,
        "--regions",
        "us-east-1,eu-west-1,ap-northeast-1",
        "--config",
        config,
        "--save",
        "--no-trail",
      ],
      env,
      kill.onStderr,
    );
    const closing = kill.closed();
    expect(closing, "the sandbox was closed during the scan").toBeDefined();
    await closing;
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(
      /^kms-drift: no region could be scanned: reading \w+ of \S+ failed: .+$/m,
    );
    expect(result.stderr).not.toMatch(/saved/);
    const exported = await runCli(["export", "--snapshot", "latest"], env);
    expect(exported.code).toBe(1);
  }, 120_000);
});

describe("a scan with a region down", () => {
  it("reports no missing replica there, says which families could not be compared, and resolves nothing", async () => {
    const regions = "eu-west-1,us-east-1,ap-northeast-1";
    const env = { KMS_DRIFT_DATA_DIR: await mkdtemp(join(tmpdir(), "kms-drift-down-")) };
    const scanOn = async (server: SandboxServer) => {
      try {
        return await runCli(
          ["scan", "--endpoint", server.url, "--regions", regions, "--config", DEMO_CONFIG].concat([
            "--save",
            "--no-trail",
            "--fail-on",
            "none",
            "--quiet",
          ]),
          env,
        );
      } finally {
        await server.close();
      }
    };
    // The same seed builds the same world: the second sandbox differs only by us-east-1 being down.
    const full = await scanOn(await startSandboxServer({ port: 0, world: "demo", seed: 1 }));
    const before = parseSnapshot(full.stdout);
    const down = await scanOn(
      await startSandboxServer({
        port: 0,
        world: "demo",
        seed: 1,
        faults: { down: ["us-east-1"] },
      }),
    );
    const after = parseSnapshot(down.stdout);
    expect(down.code).toBe(EXIT_INCOMPLETE);
    expect(after.summary.status).toBe("incomplete");

    // Nothing is claimed about us-east-1 itself but that it could not be read.
    const inDownRegion = after.findings.filter((f) => f.region === "us-east-1");
    expect(inDownRegion.filter((f) => !f.title.startsWith("could not compare: "))).toEqual([]);

    // Each multi-Region family whose primary is in us-east-1 says, once, that it was not compared;
    // what it still reports (membership rules need no reference) was reported before too.
    const primaryDown = before.families.filter(
      (f) => f.kind === "multi-region" && f.referenceRegion === "us-east-1",
    );
    const formed = primaryDown.filter((family) => after.families.some((f) => f.id === family.id));
    expect(formed.length).toBeGreaterThan(0);
    const beforeIds = new Set(before.findings.map((f) => f.id));
    for (const family of formed) {
      const findings = after.findings.filter((f) => f.familyId === family.id);
      const notCompared = findings.filter((f) => f.title.startsWith("could not compare: "));
      expect(notCompared.map((f) => [f.property, f.severity, f.region, f.title])).toEqual([
        [
          "readability",
          "medium",
          "us-east-1",
          expect.stringMatching(
            /^could not compare: reference region us-east-1 was not read \(error: .+\)$/,
          ),
        ],
      ]);
      const rest = findings.filter((f) => !notCompared.includes(f));
      expect(rest.filter((f) => !beforeIds.has(f.id))).toEqual([]);
    }

    const bundle = await runCli(["export", "--snapshot", after.id, "--format", "bundle"], env);
    const comparison = (JSON.parse(bundle.stdout) as { parts: { comparison: SnapshotComparison } })
      .parts.comparison;
    const ids = (findings: Finding[]) => findings.map((f) => f.id).sort();
    expect(comparison.resolved).toEqual([]);
    expect(ids(comparison.unverified)).toEqual(
      ids(
        before.findings.filter(
          (f) =>
            (f.region === "us-east-1" || f.referenceRegion === "us-east-1") &&
            !after.findings.some((a) => a.id === f.id),
        ),
      ),
    );
    expect(comparison.new.every((f) => f.title.startsWith("could not compare: "))).toBe(true);
  }, 120_000);
});

describe("scan --format table of an incomplete scan", () => {
  it("says so first, and shows unread regions as 'not read' and uncompared members as 'unknown'", async () => {
    const server = await startSandboxServer({
      port: 0,
      world: "demo",
      seed: 1,
      faults: { down: ["us-east-1"] },
    });
    try {
      const dir = await mkdtemp(join(tmpdir(), "kms-drift-table-"));
      const config = join(dir, "config.json");
      await writeFile(config, "{}");
      const regions = "us-east-1,eu-west-1";
      const result = await runCli([
        ...["scan", "--endpoint", server.url, "--regions", regions, "--config", config],
        ...["--no-trail", "--fail-on", "none", "--quiet", "--format", "table"],
      ]);
      expect(result.code).toBe(EXIT_INCOMPLETE);
      const lines = result.stdout.split("\n");
      expect(lines[0]).toMatch(
        /^STATUS: incomplete: 1 of 2 regions could not be read and their findings are unknown \(\d{12}\/us-east-1\)$/,
      );
      const header = lines.find((l) => l.startsWith("FAMILY "));
      expect(header).toMatch(/^FAMILY\s+KIND\s+eu-west-1\s+us-east-1$/);
      const rows = lines
        .slice(lines.indexOf(header ?? "") + 1)
        .filter((l) => /^\d{12}:/.test(l))
        .map((l) => l.split(/\s{2,}/));
      expect(rows.length).toBeGreaterThan(0);
      // Nothing in the unread region is "ok", and families that lost their primary are not in sync.
      expect(rows.filter((cells) => cells[3] !== undefined && cells[3].startsWith("ok"))).toEqual(
        [],
      );
      expect(rows.some((cells) => cells[2] === "unknown" && cells[3] === "not read")).toBe(true);
    } finally {
      await server.close();
    }
  }, 60_000);
});
