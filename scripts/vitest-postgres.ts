/**
 * vitest global setup: when Debian's PostgreSQL server is installed, start a throwaway server on
 * loopback so the store tests run against real PostgreSQL as well as PGlite
 * (KMS_DRIFT_TEST_DATABASE_URL). An explicit KMS_DRIFT_TEST_DATABASE_URL is used as it is.
 * Under CI (CI=true) a server that cannot be started fails the run instead of dropping those tests.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { isCi, postgresRequired } from "../lib/store/ci-postgres";

function postgresBin(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(base, version, "bin");
    if (existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

type Started = { url: string; stop: () => void } | { problem: string };

/** Starts a throwaway server with the binaries in `bin`, or says why it could not. */
export async function startThrowawayPostgres(bin: string | null): Promise<Started> {
  if (!bin) return { problem: "no PostgreSQL server is installed (/usr/lib/postgresql/*/bin)" };
  const dir = mkdtempSync(path.join(os.tmpdir(), "kms-drift-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  // PostgreSQL refuses to run as root; run it as the `postgres` account Debian's package creates.
  const asPostgres = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  const run = (args: string[]) => {
    const [command, ...rest] = [...asPostgres, ...args];
    if (!command) throw new Error("nothing to run");
    execFileSync(command, rest, { stdio: "pipe" });
  };
  try {
    run([
      path.join(bin, "initdb"),
      "-D",
      path.join(dir, "data"),
      "--username=kmsdrift",
      "--auth=trust",
      "-E",
      "UTF8",
    ]);
    run([
      path.join(bin, "pg_ctl"),
      "-D",
      path.join(dir, "data"),
      "-o",
      `-h 127.0.0.1 -p ${port} -k ${dir}`,
      "-l",
      path.join(dir, "server.log"),
      "-w",
      "start",
    ]);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    rmSync(dir, { recursive: true, force: true });
    return { problem: `could not start a throwaway server (${detail})` };
  }
  const stop = () => {
    const [command, ...rest] = [
      ...asPostgres,
      path.join(bin, "pg_ctl"),
      "-D",
      path.join(dir, "data"),
      "-m",
      "immediate",
      "stop",
    ];
    if (command) spawnSync(command, rest, { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `postgres://kmsdrift@127.0.0.1:${port}/postgres`, stop };
}

/**
 * Sets KMS_DRIFT_TEST_DATABASE_URL in `env` and returns how to stop the server. Without a server
 * the run fails under CI (a setup error); locally the PostgreSQL tests each fail with the reason.
 */
export async function preparePostgres(
  env: Record<string, string | undefined>,
  bin: string | null,
  warn: (message: string) => void = console.warn,
): Promise<(() => void) | undefined> {
  if (env.KMS_DRIFT_TEST_DATABASE_URL) return undefined;
  const started = await startThrowawayPostgres(bin);
  if ("problem" in started) {
    if (isCi(env)) throw new Error(postgresRequired(started.problem, true));
    warn(`PostgreSQL store tests will fail: ${started.problem}`);
    return undefined;
  }
  env.KMS_DRIFT_TEST_DATABASE_URL = started.url;
  return started.stop;
}

export default function setup(): Promise<(() => void) | undefined> {
  return preparePostgres(process.env, postgresBin());
}
