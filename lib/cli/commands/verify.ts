import { readFile } from "node:fs/promises";
import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { ENV, readEnv } from "../../env/env";
import { loadPublicKey, parseFingerprint } from "../../report/key-fingerprint";
import { readJsonFile } from "../../report/bundle-file-reader";
import {
  assessBundleFile,
  type BundleVerdict,
  type TrustAnchors,
} from "../../report/verify-bundle";
import { describeThrown, errorLine, safeLine } from "../error-text";
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from "../io";
import { parseFlags } from "../parse-flags";

export const VERIFY_HELP = `Usage: kms-drift verify FILE [--public-key FILE] [--fingerprint SHA256:…]

Checks an evidence bundle: every part against its sha256 digest in the manifest, and the
Ed25519 signature. The key embedded in a bundle proves nothing (anyone who edits a bundle can
re-sign it with their own key), so the signer is established only by a key you trust:

  --public-key FILE      the signer's Ed25519 public key (PEM); the signature must verify
                         against it
  --fingerprint SHA256:… the signer's key fingerprint, as "kms-drift export --sign-key" prints
                         it; the embedded key must have it (repeat the flag to allow several)
  KMS_DRIFT_TRUSTED_KEY  used when neither flag is given: a fingerprint (SHA256:…) or the path
                         of a PEM public key

Exit codes:
  0  verified: the digests match and a trusted key signed the bundle
  1  invalid: a part does not match its digest, the signature does not verify, the bundle is
     signed by another key or not signed although a trusted key was given, or it is not a bundle
  2  usage error (bad flags, unreadable file, malformed key or fingerprint)
  3  integrity only: the digests match, but no trusted key was given, so who made the bundle
     is not established (unsigned, or signed by a key you have not pinned)
`;

const EXIT_INVALID = 1;
const EXIT_INTEGRITY_ONLY = 3;

const flagsSchema = z.object({
  "public-key": z.string().min(1, "--public-key needs a file").optional(),
  fingerprint: z.array(z.string()).optional(),
  help: z.boolean().optional(),
});

interface VerifyArgs {
  file: string;
  trust: TrustAnchors;
}

async function readBytes(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw new UsageError(`cannot read ${what} ${file}`);
  }
}

async function readText(file: string, what: string): Promise<string> {
  return (await readBytes(file, what)).toString("utf8");
}

async function readTrustedKey(file: string, what: string): Promise<KeyObject> {
  const pem = await readText(file, what);
  try {
    return loadPublicKey(pem);
  } catch (error) {
    throw new UsageError(`${what} ${file}: ${describeThrown(error)}`);
  }
}

function readFingerprint(text: string, what: string): string {
  const fingerprint = parseFingerprint(text);
  if (fingerprint === null)
    throw new UsageError(`${what} "${text}": expected SHA256: and 43 base64 characters`);
  return fingerprint;
}

/** The flags, else KMS_DRIFT_TRUSTED_KEY (a fingerprint, or a PEM file). */
async function readTrust(
  flags: z.infer<typeof flagsSchema>,
  env: CliIo["env"],
): Promise<TrustAnchors> {
  const file = flags["public-key"];
  const prints = flags.fingerprint ?? [];
  if (file !== undefined || prints.length > 0) {
    return {
      publicKeys: file === undefined ? [] : [await readTrustedKey(file, "--public-key")],
      fingerprints: prints.map((p) => readFingerprint(p, "--fingerprint")),
    };
  }
  const fromEnv = readEnv(ENV.cli, env).KMS_DRIFT_TRUSTED_KEY;
  if (!fromEnv) return {};
  if (fromEnv.startsWith("SHA256:"))
    return { fingerprints: [readFingerprint(fromEnv, "KMS_DRIFT_TRUSTED_KEY")] };
  return { publicKeys: [await readTrustedKey(fromEnv, "KMS_DRIFT_TRUSTED_KEY")] };
}

async function parseVerifyArgs(argv: string[], env: CliIo["env"]): Promise<VerifyArgs | "help"> {
  const { flags, positionals } = parseFlags(
    argv,
    {
      "public-key": { type: "string" },
      fingerprint: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
    flagsSchema,
    true,
  );
  if (flags.help === true) return "help";
  const [file, ...extra] = positionals;
  if (file === undefined || file === "" || extra.length > 0)
    throw new UsageError("expected exactly one bundle FILE (see kms-drift verify --help)");
  return { file, trust: await readTrust(flags, env) };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  let args: VerifyArgs;
  let bundleBytes: Buffer;
  try {
    const parsed = await parseVerifyArgs(argv, io.env);
    if (parsed === "help") {
      io.stdout.write(VERIFY_HELP);
      return EXIT_OK;
    }
    args = parsed;
    // Bytes, not text: a bundle of 200,000 keys is longer than V8's longest string.
    bundleBytes = await readBytes(args.file, "bundle");
  } catch (error) {
    io.stderr.write(errorLine("kms-drift verify", error));
    return EXIT_USAGE;
  }
  const name = safeLine(args.file);
  let verdict: BundleVerdict;
  try {
    // A long array's elements are parsed while the digests are computed: a malformed one shows there.
    verdict = await assessBundleFile(readJsonFile(bundleBytes), args.trust);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    io.stderr.write(`kms-drift verify: ${name}: not an evidence bundle: not valid JSON\n`);
    return EXIT_INVALID;
  }
  switch (verdict.status) {
    case "invalid":
      for (const problem of verdict.problems)
        io.stderr.write(errorLine(`kms-drift verify: ${name}`, problem));
      return EXIT_INVALID;
    case "verified":
      io.stdout.write(
        `${name}: verified: digests match, signed by trusted key ${verdict.signer}\n`,
      );
      return EXIT_OK;
    case "integrity-only":
      io.stdout.write(
        verdict.signer === null
          ? `${name}: INTEGRITY ONLY: digests match, but the bundle is unsigned, so who made it is not established\n`
          : `${name}: INTEGRITY ONLY: digests match and the signature fits the embedded key ${verdict.signer}, but that key is not trusted; pass --public-key or --fingerprint to establish the signer\n`,
      );
      return EXIT_INTEGRITY_ONLY;
  }
}
