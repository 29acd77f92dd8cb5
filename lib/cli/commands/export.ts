import { readFile } from "node:fs/promises";
import { z } from "zod";
import { loadSigningKey } from "../../report/bundle";
import { bodyChunks, EXPORT_FORMATS, exportSnapshot } from "../../report/export-file";
import { keyFingerprint } from "../../report/key-fingerprint";
import { DASHBOARD_ROLE, openStore, StoreLockedError } from "../../store/store";
import { errorLine, safeLine } from "../error-text";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from "../io";
import { assertWritableOutput, writeOutputFile } from "../output-file";
import { parseFlags } from "../parse-flags";
import { checkStoreTarget } from "../store-target-check";

export const EXPORT_HELP = `Usage: kms-drift export [--snapshot ID|latest] [--format FORMAT] [--out FILE] [--sign-key FILE]

Exports a stored snapshot (PGlite in $KMS_DRIFT_DATA_DIR or ./data, or DATABASE_URL).

Flags:
  --snapshot ID|latest   the snapshot to export (default: latest)
  --format FORMAT        bundle (evidence JSON, default), csv (findings), html (printable
                         report), asff (AWS Security Finding Format JSON) or ocsf (OCSF 1.3.0
                         Compliance Findings, JSON array)
  --out FILE             write to FILE instead of stdout
  --sign-key FILE        sign the evidence bundle with this Ed25519 private key (PEM); the
                         key's fingerprint goes to stderr: pin it with
                         kms-drift verify --fingerprint SHA256:…
  -h, --help             this help

Output is terminal-safe: control and bidi characters in CSV and HTML become visible escapes
(\\x1B, \\u202E); JSON escapes them as \\u001b, \\u202e, which parse back to the same text.

Exit codes: 0 exported; 1 no such snapshot or the store failed; 2 usage error (bad flags, an
unreadable or malformed key, an --out that cannot be written, a data directory that is a file),
or the PGlite store is in use by another process (the dashboard or a scan --save; see the
message); 141 stdout was closed by its reader.
`;

const EXIT_FAILED = 1;

const flagsSchema = z.object({
  snapshot: z.string().trim().min(1, "--snapshot needs a snapshot id or latest").default("latest"),
  format: z
    .enum(EXPORT_FORMATS, { error: () => `--format must be one of ${EXPORT_FORMATS.join(", ")}` })
    .default("bundle"),
  out: z.string().min(1).optional(),
  "sign-key": z.string().min(1).optional(),
  help: z.boolean().default(false),
});
type ExportFlags = z.infer<typeof flagsSchema>;

function parseExportFlags(argv: string[]): ExportFlags {
  const { flags } = parseFlags(
    argv,
    {
      snapshot: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      "sign-key": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    flagsSchema,
  );
  if (flags["sign-key"] && flags.format !== "bundle")
    throw new UsageError("--sign-key applies only to --format bundle");
  return flags;
}

async function readSigningKey(file: string | undefined) {
  if (!file) return undefined;
  let pem: Buffer;
  try {
    pem = await readFile(file);
  } catch {
    throw new UsageError(`cannot read --sign-key ${file}`);
  }
  try {
    return loadSigningKey(pem);
  } catch (error) {
    throw new UsageError(
      `--sign-key ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function write(stream: NodeJS.WritableStream, text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let flags: ExportFlags;
  let signingKey: Awaited<ReturnType<typeof readSigningKey>>;
  try {
    flags = parseExportFlags(argv);
    if (flags.help) {
      await write(io.stdout, EXPORT_HELP);
      return EXIT_OK;
    }
    signingKey = await readSigningKey(flags["sign-key"]);
    if (flags.out !== undefined) await assertWritableOutput(flags.out);
    await checkStoreTarget(io.env);
  } catch (error) {
    await write(io.stderr, errorLine("kms-drift export", error));
    return EXIT_USAGE;
  }
  try {
    const store = await openStore({ env: io.env, holder: "kms-drift export" });
    try {
      const file = await exportSnapshot(store, {
        snapshotId: flags.snapshot,
        format: flags.format,
        ...(signingKey ? { signingKey } : {}),
      });
      if (!file) {
        await write(
          io.stderr,
          errorLine("kms-drift export", `no snapshot "${flags.snapshot}" in the store`),
        );
        return EXIT_FAILED;
      }
      // A streamed export goes out chunk by chunk: at 200,000 keys it is hundreds of MB.
      if (flags.out) {
        await writeOutputFile(flags.out, bodyChunks(file.body));
        await write(
          io.stderr,
          `kms-drift export: wrote ${flags.format} to ${safeLine(flags.out)}\n`,
        );
      } else {
        for await (const chunk of bodyChunks(file.body)) await write(io.stdout, chunk);
      }
      if (signingKey) {
        const print = keyFingerprint(signingKey);
        await write(
          io.stderr,
          `kms-drift export: signed with Ed25519 key ${print} (pin it: kms-drift verify FILE --fingerprint ${print})\n`,
        );
      }
      return EXIT_OK;
    } finally {
      await store.close();
    }
  } catch (error) {
    if (error instanceof StoreLockedError) {
      // A PGlite directory in use: nothing failed, but the command cannot run now.
      const fromDashboard =
        error.holder?.role === DASHBOARD_ROLE
          ? `, or download it from the dashboard: GET /api/snapshots/${flags.snapshot}/export?format=${flags.format}`
          : "";
      await write(io.stderr, errorLine("kms-drift export", `${error.message}${fromDashboard}`));
      return EXIT_USAGE;
    }
    await write(io.stderr, errorLine("kms-drift export", error));
    return EXIT_FAILED;
  }
}
