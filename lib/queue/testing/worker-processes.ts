import type { ChildProcess } from "node:child_process";
import { spawnTs } from "../../store/test-processes";

/** Test-only: a `kms-drift worker` process, resolved once it takes shards. */
export async function startWorkerProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; id: string; stderr: () => string }> {
  const child = spawnTs("lib/cli/main.ts", ["worker", ...args], env);
  let err = "";
  const id = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const match = /kms-drift worker: ([0-9a-f-]{36}) taking shards/.exec(err);
      if (match?.[1]) resolve(match[1]);
    });
    child.on("exit", (code, signal) =>
      reject(new Error(`worker exited (${code ?? signal}) before taking shards: ${err}`)),
    );
  });
  return { child, id, stderr: () => err };
}

/** Ends a worker the way an operator does (SIGTERM) and resolves with its exit code. */
export function stopWorkerProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

/**
 * `count` workers started side by side. If one cannot start, the others are stopped before the
 * error is thrown: a test whose setup fails must not leave workers polling behind it.
 */
export async function startWorkerProcesses(
  count: number,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<Awaited<ReturnType<typeof startWorkerProcess>>[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startWorkerProcess(args, env)),
  );
  const workers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const failed = started.find((s) => s.status === "rejected");
  if (failed === undefined) return workers;
  await Promise.all(workers.map((w) => stopWorkerProcess(w.child)));
  throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
}
