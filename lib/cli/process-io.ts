import { Writable } from "node:stream";
import { errorLine } from "./error-text";
import { EXIT_BROKEN_PIPE, EXIT_USAGE, type CliIo } from "./io";

/**
 * Node ignores SIGPIPE, so when the reader goes away (`kms-drift … | head -1`) the next write
 * fails with EPIPE, and an 'error' event nobody listens to kills the process with a stack trace.
 * Every command writes through this wrapper instead: the first failure is recorded, later writes
 * are dropped, and the commands never see it.
 */
function guard(
  target: NodeJS.WriteStream,
  onFailure: (error: NodeJS.ErrnoException) => void,
): Writable {
  let failure: NodeJS.ErrnoException | undefined;
  const fail = (error: NodeJS.ErrnoException) => {
    if (failure) return;
    failure = error;
    onFailure(error);
  };
  target.on("error", fail);
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (failure) return callback();
      target.write(chunk, (error) => {
        if (error) fail(error);
        callback();
      });
    },
  });
  return stream;
}

function isBrokenPipe(error: NodeJS.ErrnoException): boolean {
  return error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED";
}

/**
 * The real process's streams, guarded. `exitCode` turns a command's code into the process's: a
 * closed stdout is 141 (128 + SIGPIPE, what a shell reports for `cat` in the same place), with
 * nothing on stderr; any other failure to write stdout is one line and exit 2. A failing stderr
 * only stops the messages.
 */
export function processIo(): CliIo & { exitCode: (commandCode: number) => number } {
  let stdoutCode: number | undefined;
  const stderr = guard(process.stderr, () => undefined);
  const stdout = guard(process.stdout, (error) => {
    stdoutCode = isBrokenPipe(error) ? EXIT_BROKEN_PIPE : EXIT_USAGE;
    if (stdoutCode === EXIT_USAGE)
      stderr.write(errorLine("kms-drift: cannot write the output", error));
    // The failure can arrive after the command has returned: writes finish asynchronously.
    process.exitCode = stdoutCode;
  });
  return {
    stdout,
    stderr,
    isTTY: process.stderr.isTTY === true,
    env: process.env,
    exitCode: (commandCode) => stdoutCode ?? commandCode,
  };
}
