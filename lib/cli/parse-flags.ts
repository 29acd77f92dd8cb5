import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { UsageError } from "./io";

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
    parsed = parseArgs({ args: argv, strict: true, allowPositionals, options });
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
