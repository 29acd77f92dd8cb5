import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killHard, spawnTs, startStoreHolder } from "../lib/store/test-processes";

const dirs: string[] = [];
async function freshDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kms-drift-start-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface StartResult {
  code: number | null;
  stderr: string;
  /** True when `npm start` got past its checks (it printed to stdout): it was stopped there. */
  proceeded: boolean;
}

/** `npm start` with `env` over a clean environment; stopped as soon as it would build or serve. */
async function start(env: Record<string, string>): Promise<StartResult> {
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "production" as const };
  const child = spawnTs("scripts/start.ts", [], {
    ...base,
    KMS_DRIFT_DATA_DIR: await freshDir(),
    ...env,
  });
  let stderr = "";
  let proceeded = false;
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.on("data", () => {
    proceeded = true;
    void killHard(child);
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, stderr, proceeded };
}

/** Refused before building or serving: exit 2, exactly one line, no stack trace. */
function expectRefused(result: StartResult, line: RegExp): void {
  expect(result.proceeded).toBe(false);
  expect(result.code).toBe(2);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(result.stderr.trimEnd()).toMatch(line);
}

describe("npm start refuses bad settings of the dashboard with one line", () => {
  it.each([
    [
      { KMS_DRIFT_REGIONS: ",," },
      /^kms-drift: invalid environment variable KMS_DRIFT_REGIONS: no region named; expected e\.g\. us-east-1,eu-west-1 or "all"$/,
    ],
    [
      { KMS_DRIFT_REGIONS: "us-east-1,mars-1" },
      /^kms-drift: invalid environment variable KMS_DRIFT_REGIONS: unknown region mars-1$/,
    ],
    [
      { KMS_DRIFT_SCHEDULE: "every day" },
      /^kms-drift: invalid environment variable KMS_DRIFT_SCHEDULE: invalid cron expression "every day": /,
    ],
    [
      { KMS_DRIFT_SCAN_ON_START: "yes" },
      /^kms-drift: invalid environment variable KMS_DRIFT_SCAN_ON_START: expected 0 or 1$/,
    ],
    [
      { KMS_DRIFT_SANDBOX_KEYS: "1e3", KMS_DRIFT_SANDBOX_WORLD: "large" },
      /^kms-drift: invalid environment variable KMS_DRIFT_SANDBOX_KEYS: expected a whole number$/,
    ],
    [
      { KMS_DRIFT_SANDBOX_KEYS: "500" },
      /^kms-drift: invalid environment variable KMS_DRIFT_SANDBOX_KEYS: only the large world takes a key count \(set KMS_DRIFT_SANDBOX_WORLD=large\)$/,
    ],
    [
      { KMS_DRIFT_SANDBOX_SEED: "" },
      /^kms-drift: invalid environment variable KMS_DRIFT_SANDBOX_SEED: expected a whole number$/,
    ],
    [
      { KMS_DRIFT_SANDBOX_DOWN: " , " },
      /^kms-drift: invalid environment variable KMS_DRIFT_SANDBOX_DOWN: no region named; /,
    ],
    [{ PORT: "3e3" }, /^kms-drift: invalid environment variable PORT: expected a whole number$/],
    [
      { KMS_DRIFT_SECURE_COOKIES: "yes" },
      /^kms-drift: invalid environment variable KMS_DRIFT_SECURE_COOKIES: expected 0 or 1$/,
    ],
    [
      { KMS_DRIFT_CONFIG: "/nonexistent/kms-drift.json" },
      /^kms-drift: cannot read config \/nonexistent\/kms-drift\.json: file not found$/,
    ],
  ])("%o", async (env, line) => {
    expectRefused(await start(env), line);
  });

  it("a data directory that is a file", async () => {
    const file = path.join(await freshDir(), "data");
    await writeFile(file, "not a directory");
    expectRefused(
      await start({ KMS_DRIFT_DATA_DIR: file, KMS_DRIFT_FRESH_DATA: "1" }),
      /^kms-drift: KMS_DRIFT_DATA_DIR \S+ is not a directory$/,
    );
  });
});

describe("KMS_DRIFT_FRESH_DATA=1 while another process holds the data directory", () => {
  it("deletes nothing and names the holder", async () => {
    const dataDir = await freshDir();
    const holder = await startStoreHolder(dataDir);
    try {
      const before = (await readdir(dataDir)).sort();
      const result = await start({ KMS_DRIFT_DATA_DIR: dataDir, KMS_DRIFT_FRESH_DATA: "1" });
      expectRefused(
        result,
        new RegExp(
          `^kms-drift: KMS_DRIFT_FRESH_DATA=1: not deleting ${dataDir.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: ` +
            `it is in use by the dashboard \\(pid ${holder.pid ?? -1}, since \\S+\\); stop that process first$`,
        ),
      );
      expect((await readdir(dataDir)).sort()).toEqual(before);
      expect(before).toContain("kms-drift.holder.json");
    } finally {
      expect(await killHard(holder)).toBe("SIGKILL");
    }
  }, 60_000);
});
