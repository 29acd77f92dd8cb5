import { spawn } from "node:child_process";

/**
 * `node <nodeFlags> --import tsx <script>` in a process of its own (a measurement that needs its
 * own heap or `--expose-gc`): resolves with its stdout parsed as JSON, rejects on a non-zero exit.
 */
export function runScriptForJson(script: string, nodeFlags: readonly string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [...nodeFlags, "--import", "tsx", script], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${String(code)}`));
      else resolve(JSON.parse(out));
    });
  });
}
