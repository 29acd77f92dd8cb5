import { describeUsageError } from "./usage-errors";
import { boundHeapGrowth } from "./heap-growth";
import { errorLine, safeLine } from "./error-text";
import { MAIN_HELP } from "./help";
import { EXIT_OK, EXIT_USAGE, type CliIo } from "./io";
import { processIo } from "./process-io";

type Command = (argv: string[], io: CliIo) => Promise<number>;

/** Commands load lazily: `export`/`verify` belong to the store part and pull in its dependencies. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import("./commands/scan")).run,
  export: async () => (await import("./commands/export")).run,
  verify: async () => (await import("./commands/verify")).run,
  worker: async () => (await import("./commands/worker")).run,
};

/** The `kms-drift` command. Never throws: every failure is one line on stderr and an exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(MAIN_HELP);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    io.stderr.write(`kms-drift: unknown command "${safeLine(name)}" (try kms-drift --help)\n`);
    return EXIT_USAGE;
  }
  try {
    const command = await load();
    return await command(rest, io);
  } catch (err) {
    const usage = describeUsageError(err);
    io.stderr.write(
      usage === undefined
        ? errorLine("kms-drift: unexpected error", err)
        : errorLine("kms-drift", usage),
    );
    return EXIT_USAGE;
  }
}

const entry = process.argv[1] ?? "";
if (/lib[\\/]cli[\\/]main\.ts$/.test(entry)) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  boundHeapGrowth(process.execArgv);
  const io = processIo();
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = io.exitCode(code);
  });
}
