import { parseArgs } from "node:util";
import { z } from "zod";
import { parseDeniedOperation } from "./faults/index";
import type { SandboxServerOptions } from "./server";

export const USAGE = `Usage: npm run sandbox -- --port <p> --world <demo|empty|large|org> [options]

  --port N                 port to listen on (0 picks a free one)          required
  --world NAME             demo | empty | large | org                      default demo
  --seed N                 PRNG seed: same seed + anchor => same world      default 1
  --keys N                 customer keys for the large world
  --accounts N             member accounts of the org world                 default 12
  --keys-per-account N     customer keys per account of the org world      default 12
  --anchor ISO             end of the world's history                       default: now, truncated to the hour
  --account ID             default account id (12 digits)
  --account-map AKID=ACCOUNT,...   access key ids that belong to other accounts
  --latency-ms N           added before every answer
  --quotas aws|off         AWS request quotas (throttling)                  default off
  --quota-scale F          multiplies every quota
  --down REGION,...        regions whose connections are dropped
  --not-enabled REGION,... regions not enabled for the accounts
  --deny ACTION@REGION,... AccessDeniedException for those actions there, e.g. kms:ListAliases@eu-west-1
  --read-events N          extra Encrypt/Decrypt/GenerateDataKey events in the history
  --host HOST              interface to listen on                           default 127.0.0.1
  --help                   this text`;

const list = z.string().transform((text) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== ""),
);
const integer = (name: string, min: number) =>
  z
    .string()
    .regex(/^\d+$/, `--${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().int().min(min));

const flagsSchema = z.object({
  port: integer("port", 0).pipe(z.number().max(65535, "--port must be at most 65535")),
  world: z
    .enum(["empty", "demo", "large", "org"], {
      message: "--world must be demo, empty, large or org",
    })
    .default("demo"),
  seed: integer("seed", 0).default(1),
  keys: integer("keys", 0).optional(),
  accounts: integer("accounts", 0)
    .pipe(z.number().max(10_000, "--accounts must be at most 10000"))
    .optional(),
  "keys-per-account": integer("keys-per-account", 0).optional(),
  anchor: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), "--anchor must be an ISO date-time")
    .transform((s) => new Date(s))
    .optional(),
  account: z
    .string()
    .regex(/^\d{12}$/, "--account must be a 12-digit account id")
    .optional(),
  "account-map": list
    .pipe(
      z.array(
        z
          .string()
          .regex(/^[A-Za-z0-9]+=\d{12}$/, "--account-map entries must look like AKID=123456789012")
          .transform((entry): [string, string] => [
            entry.slice(0, entry.indexOf("=")),
            entry.slice(entry.indexOf("=") + 1),
          ]),
      ),
    )
    .optional(),
  "latency-ms": integer("latency-ms", 0).optional(),
  quotas: z.enum(["aws", "off"], { message: "--quotas must be aws or off" }).optional(),
  "quota-scale": z
    .string()
    .transform(Number)
    .pipe(
      z
        .number({ message: "--quota-scale must be a number" })
        .positive("--quota-scale must be positive"),
    )
    .optional(),
  down: list.optional(),
  "not-enabled": list.optional(),
  deny: list
    .pipe(
      z.array(
        z.string().transform((entry, ctx) => {
          const denied = parseDeniedOperation(entry);
          if (denied === null) {
            ctx.addIssue({
              code: "custom",
              message: `--deny entries must look like kms:ListAliases@eu-west-1, not "${entry}"`,
            });
            return z.NEVER;
          }
          return denied;
        }),
      ),
    )
    .optional(),
  "read-events": integer("read-events", 0).optional(),
  host: z.string().optional(),
  help: z.boolean().optional(),
});

type OptionSpec = { type: "string" | "boolean" };
const PARSE_OPTIONS: Record<string, OptionSpec> = Object.fromEntries(
  Object.keys(flagsSchema.shape).map((name): [string, OptionSpec] => [
    name,
    { type: name === "help" ? "boolean" : "string" },
  ]),
);

export type CliResult =
  | { kind: "help" }
  | { kind: "run"; options: SandboxServerOptions }
  | { kind: "error"; message: string };

/** Parses the sandbox's flags (node:util parseArgs, then zod); never throws. */
export function parseSandboxArgs(argv: string[]): CliResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: PARSE_OPTIONS,
    }).values;
  } catch (error) {
    return { kind: "error", message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: "help" };
  if (values.port === undefined)
    return { kind: "error", message: "--port is required (use 0 for a free port)" };
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success)
    return { kind: "error", message: parsed.error.issues[0]?.message ?? "invalid flags" };
  const f = parsed.data;
  const accountMap = f["account-map"] ? Object.fromEntries(f["account-map"]) : undefined;
  return {
    kind: "run",
    options: {
      port: f.port,
      host: f.host,
      world: f.world,
      seed: f.seed,
      keys: f.keys,
      accounts: f.accounts,
      keysPerAccount: f["keys-per-account"],
      anchor: f.anchor,
      readEvents: f["read-events"],
      defaultAccount: f.account,
      accountMap,
      faults: {
        ...(f["latency-ms"] !== undefined ? { latencyMs: f["latency-ms"] } : {}),
        ...(f.quotas !== undefined ? { quotas: f.quotas } : {}),
        ...(f["quota-scale"] !== undefined ? { quotaScale: f["quota-scale"] } : {}),
        ...(f.down !== undefined ? { down: f.down } : {}),
        ...(f["not-enabled"] !== undefined ? { notEnabled: f["not-enabled"] } : {}),
        ...(f.deny !== undefined ? { denied: f.deny } : {}),
      },
    },
  };
}
