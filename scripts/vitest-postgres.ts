/**
 * vitest global setup: when Debian's PostgreSQL server is installed, start a throwaway server on
 * loopback so the store tests run against real PostgreSQL as well as PGlite
 * (KMS_DRIFT_TEST_DATABASE_URL). An explicit KMS_DRIFT_TEST_DATABASE_URL is used as it is.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

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

export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env.KMS_DRIFT_TEST_DATABASE_URL) return undefined;
  const bin = postgresBin();
  if (!bin) return undefined;
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
    console.warn(`PostgreSQL store tests not run: could not start a throwaway server (${detail})`);
    rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  process.env.KMS_DRIFT_TEST_DATABASE_URL = `postgres://kmsdrift@127.0.0.1:${port}/postgres`;
  return () => {
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
}
