import { readFile } from "node:fs/promises";
import { z } from "zod";
import { verifyBundle } from "../../report/verify-bundle";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from "../io";
import { parseFlags } from "../parse-flags";

export const VERIFY_HELP = `Usage: kms-drift verify FILE [--public-key FILE]

Checks an evidence bundle: every part against its sha256 digest in the manifest, and the
Ed25519 signature when there is one. With --public-key the bundle must be signed and the
signature must verify against that key (not only against the key embedded in the bundle).

Exit codes: 0 valid; 1 something does not match (each problem named on stderr); 2 usage error.
`;

const EXIT_INVALID = 1;

const argsSchema = z.object({
  file: z.string().min(1),
  publicKey: z.string().min(1).optional(),
  help: z.boolean(),
});

const flagsSchema = z.object({ "public-key": z.string().optional(), help: z.boolean().optional() });

function parseVerifyArgs(argv: string[]): z.infer<typeof argsSchema> {
  const { flags, positionals } = parseFlags(
    argv,
    { "public-key": { type: "string" }, help: { type: "boolean", short: "h" } },
    flagsSchema,
    true,
  );
  const help = flags.help === true;
  if (help) return { file: "-", help };
  if (positionals.length !== 1)
    throw new UsageError("expected exactly one bundle FILE (see kms-drift verify --help)");
  const result = argsSchema.safeParse({
    file: positionals[0],
    publicKey: flags["public-key"],
    help,
  });
  if (!result.success) throw new UsageError(result.error.issues[0]?.message ?? "invalid arguments");
  return result.data;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read ${what} ${file}`);
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let bundleText: string;
  let publicKey: string | undefined;
  let file: string;
  try {
    const args = parseVerifyArgs(argv);
    if (args.help) {
      io.stdout.write(VERIFY_HELP);
      return EXIT_OK;
    }
    file = args.file;
    bundleText = await readText(args.file, "bundle");
    publicKey = args.publicKey ? await readText(args.publicKey, "--public-key") : undefined;
  } catch (error) {
    io.stderr.write(
      `kms-drift verify: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_USAGE;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(bundleText);
  } catch {
    io.stderr.write(`kms-drift verify: ${file}: not an evidence bundle: not valid JSON\n`);
    return EXIT_INVALID;
  }
  const result = verifyBundle(bundle, publicKey === undefined ? {} : { publicKey });
  if (!result.ok) {
    for (const problem of result.problems)
      io.stderr.write(`kms-drift verify: ${file}: ${problem}\n`);
    return EXIT_INVALID;
  }
  const signed = typeof bundle === "object" && bundle !== null && "signature" in bundle;
  io.stdout.write(
    `${file}: valid${signed ? `, signature verified${publicKey ? " against the given key" : " (embedded key)"}` : ", unsigned"}\n`,
  );
  return EXIT_OK;
}
