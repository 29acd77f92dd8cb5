import { spawn } from "node:child_process";

export interface SpawnedSandbox {
  url: string;
  pid: number | undefined;
  close(): Promise<void>;
}

/**
 * `npm run sandbox -- --port 0 <args>` in its own process, so a benchmarked scanner's process
 * time and memory are its own. Resolves once it prints the address it listens on.
 */
export async function spawnSandbox(args: readonly string[]): Promise<SpawnedSandbox> {
  const child = spawn("node", ["--import", "tsx", "lib/sandbox/main.ts", "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on("exit", (code) => reject(new Error(`sandbox exited with ${String(code)}`)));
  });
  return {
    url,
    pid: child.pid,
    close: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
