import type { ChildProcess } from "node:child_process";

/** Stops a process a test started (if it still runs) and resolves once it has exited. */
export function stopProcess(
  child: ChildProcess | undefined,
  signal: NodeJS.Signals = "SIGTERM",
): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  child.kill(signal);
  return exited;
}
