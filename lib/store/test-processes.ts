import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/** Test-only: other processes on the same store, as a user's second terminal would be. */
export const ROOT = path.resolve(__dirname, "../..");

/**
 * `node --import tsx script …`: one process, so that SIGKILL reaches the process that holds the
 * store (the `tsx` command runs the script in a child, which would outlive its killed parent).
 */
export function spawnTs(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Resolves once the child prints `marker` on a line; rejects if it exits first. */
export function waitForMarker(child: ChildProcess, marker: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`${marker}\n`)) resolve();
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`child exited (${code ?? signal}) before "${marker}": ${err}`)),
    );
  });
}

/**
 * A process that holds the PGlite store in `dataDir` as the dashboard does (lib/store/testing/hold-store.ts,
 * one snapshot `held` saved), resolved once it holds it. Kill it with `killHard`.
 */
export async function startStoreHolder(dataDir: string): Promise<ChildProcess> {
  const holder = spawnTs("lib/store/testing/hold-store.ts", [
    dataDir,
    "held",
    "2026-11-20T08:00:00.000Z",
  ]);
  await waitForMarker(holder, "holding");
  return holder;
}

/** Kills the child with SIGKILL and resolves once it is gone (reaped, so its pid is free). */
export function killHard(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  child.kill("SIGKILL");
  return exited;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the kms-drift command in a process of its own, as a user would, to the end. */
export function runCliProcess(args: string[], env: NodeJS.ProcessEnv): Promise<Finished> {
  const child = spawnTs("lib/cli/main.ts", args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment of a user's shell pointed at the sandbox and the PGlite store in `dataDir`. */
export function cliEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KMS_DRIFT_DATA_DIR: dataDir,
    AWS_ACCESS_KEY_ID: "AKIATESTUSER",
    AWS_SECRET_ACCESS_KEY: "sandbox-secret",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
  delete env.DATABASE_URL;
  return env;
}

export function scanSaveArgs(endpoint: string): string[] {
  return [
    "scan",
    "--endpoint",
    endpoint,
    "--regions",
    "us-east-1",
    "--save",
    "--no-trail",
    "--fail-on",
    "none",
    "--format",
    "table",
  ];
}

const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The whole stderr of a command refused because the dashboard holds the store. */
export function storeInUseLine(
  command: "kms-drift" | "kms-drift export",
  dataDir: string,
  pid: number,
  hint = "",
): RegExp {
  return new RegExp(
    `^${command}: the store ${escaped(path.resolve(dataDir))} is in use by the dashboard ` +
      `\\(pid ${pid}, since ${ISO}\\)\\. PGlite lets one process use a data directory at a time: ` +
      `stop that process, or set DATABASE_URL to a PostgreSQL server that both can share${escaped(hint)}\\n$`,
  );
}
