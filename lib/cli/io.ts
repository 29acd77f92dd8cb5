/** Where a command writes and what it may read: the real process, or a test's buffers. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/** A usage, config or credential problem: one line on stderr and exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** stdout was closed by its reader: 128 + SIGPIPE, as a shell reports for a killed `cat`. */
export const EXIT_BROKEN_PIPE = 141;
