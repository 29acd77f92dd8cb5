import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { UsageError } from "./io";

/**
 * `--since -5d` is ambiguous to parseArgs (is `-5d` a flag?), and its message says nothing about
 * the value. No flag starts with a digit, so a dash-digit token after a string flag is its value:
 * joined as `--since=-5d`, it reaches the value check, which says what is wrong with it.
 */
function joinNegativeValues(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i] ?? "";
    if (token === "--") return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const name = token.startsWith("--") ? token.slice(2) : undefined;
    const takesValue = name !== undefined && options[name]?.type === "string";
    if (takesValue && next !== undefined && /^-\d/.test(next)) {
      out.push(`${token}=${next}`);
      i += 1;
    } else out.push(token);
  }
  return out;
}

/**
 * Every command's flags: node's parseArgs for the syntax, a zod schema for the values. Any problem
 * is one UsageError line that names the flag.
 */
export function parseFlags<S extends z.ZodType>(
  argv: string[],
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: S,
  allowPositionals = false,
): { flags: z.infer<S>; positionals: string[] } {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    const args = joinNegativeValues(argv, options);
    parsed = parseArgs({ args, strict: true, allowPositionals, options });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new UsageError(text.split("\n")[0] ?? text);
  }
  const result = schema.safeParse(parsed.values);
  if (!result.success) {
    const issue = result.error.issues[0];
    const flag = issue?.path[0];
    const message = issue?.message ?? "invalid flags";
    throw new UsageError(
      message.startsWith("--") || flag === undefined ? message : `--${String(flag)}: ${message}`,
    );
  }
  return { flags: result.data, positionals: parsed.positionals };
}
