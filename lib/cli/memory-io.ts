import { Writable } from "node:stream";
import type { CliIo } from "./io";

/** A CliIo that keeps what a command writes (tests, embedding). */
export function createMemoryIo(
  env: Readonly<Record<string, string | undefined>> = {},
  isTTY = false,
): CliIo & { stdoutText: () => string; stderrText: () => string } {
  const collect = () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(chunk.toString());
        callback();
      },
    });
    return { stream, text: () => chunks.join("") };
  };
  const out = collect();
  const err = collect();
  return {
    stdout: out.stream,
    stderr: err.stream,
    isTTY,
    env: { NODE_ENV: "test", ...env },
    stdoutText: out.text,
    stderrText: err.text,
  };
}
