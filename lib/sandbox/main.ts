import { USAGE, parseSandboxArgs } from "./cli-options";
import { startSandboxServer } from "./server";

/** `npm run sandbox -- --port P --world demo|empty|large …` (see lib/sandbox/README.md). */
async function main(): Promise<void> {
  const parsed = parseSandboxArgs(process.argv.slice(2));
  if (parsed.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (parsed.kind === "error") {
    process.stderr.write(`kms-drift sandbox: ${parsed.message}\n`);
    process.exitCode = 2;
    return;
  }
  const server = await startSandboxServer(parsed.options);
  process.stdout.write(`kms-drift sandbox listening on ${server.url}\n`);
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `kms-drift sandbox: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
