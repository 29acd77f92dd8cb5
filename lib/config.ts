import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { lastUseConfigSchema } from "./drift/last-use-rules";
import { notifyConfigSchema } from "./notify/config-schema";
import { describeRulesIssues, driftRulesSchema, type DriftRules } from "./drift/rules-schema";
import { organizationConfigSchema } from "./domain/organization-config";

const accountIdSchema = z
  .string()
  .regex(/^\d{12}$/, { message: "expected a 12-digit AWS account id" });
const regionSchema = z
  .string()
  .regex(/^([a-z]+-){2,3}\d+$/, { message: "expected a region name like us-east-1" });
const quotaSchema = z.number().positive().max(100_000);

/** The scan half of kms-drift.config.json (see README / config shape). */
export const scanConfigSchema = z.strictObject({
  accounts: z
    .array(
      z.strictObject({
        id: accountIdSchema,
        /** Absent only for the account the base credentials already belong to. */
        roleArn: z
          .string()
          .regex(/^arn:[a-z-]+:iam::\d{12}:role\/.+$/, { message: "expected an IAM role ARN" })
          .optional(),
        externalId: z.string().min(2).max(1224).optional(),
        name: z.string().min(1).optional(),
      }),
    )
    .optional(),
  /** Discover the accounts of the caller's AWS Organization (lib/scan/organization-config.ts). */
  organization: organizationConfigSchema.optional(),
  regions: z.union([z.literal("all"), z.array(regionSchema).min(1)]).optional(),
  readAllKeys: z.boolean().default(false),
  quotas: z
    .record(
      z
        .string()
        .regex(/^[A-Z][A-Za-z]+$/, { message: "expected an operation name like ListGrants" }),
      quotaSchema,
    )
    .default({}),
  aliasFamilies: z.strictObject({ referenceRegion: regionSchema.optional() }).default({}),
  declaredFamilies: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[A-Za-z0-9._-]+$/, { message: "expected letters, digits, '.', '_' or '-'" }),
        keys: z
          .array(
            z.string().regex(/^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/.+$/, {
              message: "expected a KMS key ARN",
            }),
          )
          .min(2),
        referenceRegion: regionSchema.optional(),
      }),
    )
    .default([]),
});

export const configSchema = scanConfigSchema.extend({
  ...driftRulesSchema.shape,
  lastUse: lastUseConfigSchema,
  notify: notifyConfigSchema.optional(),
});
export type KmsDriftConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** The config a scan uses when there is no file. */
export function defaultConfig(): KmsDriftConfig {
  return configSchema.parse({});
}

/** The drift rules part of a loaded config. */
export function pickDriftRules(config: KmsDriftConfig): DriftRules {
  const { severity, residency, expectedReplicas, baselines, waivers, policyText } = config;
  return { severity, residency, expectedReplicas, baselines, waivers, policyText };
}

/** Validates an already parsed JSON value; `source` names it in error messages. */
export function parseConfig(value: unknown, source: string): KmsDriftConfig {
  const result = configSchema.safeParse(value);
  if (!result.success) {
    throw new ConfigError(
      `invalid config ${source}: ${describeRulesIssues(result.error).join("; ")}`,
    );
  }
  return result.data;
}

/** A real config is a few kilobytes and about eight levels deep (a policy condition inside a baseline). */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_CONFIG_DEPTH = 64;

/**
 * The deepest `[`/`{` nesting in JSON text, counted without recursion. Policies in the config are
 * normalised and compared by recursive code, so a file nested thousands of levels deep would
 * end in "Maximum call stack size exceeded"; it is refused before it is parsed.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i += 1; // a backslash escapes the next character
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (ch === 0x5d || ch === 0x7d) depth -= 1;
  }
  return deepest;
}

/** Reads and validates a config file; every failure is a ConfigError naming the file (and field or position). */
export async function loadConfig(path: string): Promise<KmsDriftConfig> {
  let text: string;
  const tooLarge = (bytes: number) =>
    new ConfigError(`config ${path} is ${bytes} bytes, more than the 1 MiB a config may be`);
  try {
    // Checked before reading (a huge file is never loaded) and after (a pipe reports size 0).
    const { size } = await stat(path);
    if (size > MAX_CONFIG_BYTES) throw tooLarge(size);
    text = await readFile(path, "utf8");
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > MAX_CONFIG_BYTES) throw tooLarge(bytes);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = err instanceof Error && "code" in err ? String(err.code) : "";
    throw new ConfigError(
      `cannot read config ${path}: ${code === "ENOENT" ? "file not found" : errorText(err)}`,
    );
  }
  if (jsonNestingDepth(text) > MAX_CONFIG_DEPTH)
    throw new ConfigError(`config ${path} is nested deeper than ${MAX_CONFIG_DEPTH} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${path} is not valid JSON: ${describeJsonError(text, err)}`);
  }
  return parseConfig(value, path);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The parser's complaint on one line, with the line and column where the text goes wrong. */
export function describeJsonError(text: string, err: unknown): string {
  const message = (
    errorText(err).split(/, "|\s+\(line \d+|\s+at position \d+|\s+in JSON/)[0] ?? ""
  ).replace(/\s+/g, " ");
  const offset = findJsonErrorOffset(text);
  if (offset === undefined) return message;
  const { line, column } = toLineColumn(text, offset);
  return `${message} at line ${line}, column ${column}`;
}

/**
 * Where JSON text first goes wrong, as a character offset. Node 20's JSON.parse names a position
 * for some errors only ("Unexpected token ']', … is not valid JSON" has none), so a config error
 * could not point at its line; this small recursive-descent checker finds it.
 */
export function findJsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text.charAt(i))) i++;
  };
  const expect = (ch: string) => (text.charAt(i) === ch ? i++ : fail());
  const string = () => {
    expect('"');
    while (i < text.length && text.charAt(i) !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text.charAt(i) === "\\" ? 2 : 1;
    }
    expect('"');
  };
  const value = (): void => {
    ws();
    const ch = text.charAt(i);
    if (ch === "{") {
      i++;
      ws();
      if (text.charAt(i) === "}") return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(":");
        value();
        ws();
        if (text.charAt(i) === ",") i++;
        else return void expect("}");
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text.charAt(i) === "]") return void i++;
      for (;;) {
        value();
        ws();
        if (text.charAt(i) === ",") i++;
        else return void expect("]");
      }
    }
    if (ch === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (literal === null) fail();
    else i += literal[0].length;
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (err) {
    if (err instanceof JsonStop) return err.offset;
    throw err;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}

/** 1-based line and column of a character offset. */
export function toLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
