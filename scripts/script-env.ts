import type { z } from "zod";
import { parseEnv } from "../lib/env/env";

/** A script's fatal error: one line on stderr, exit status 2. */
export function fail(message: string): never {
  process.stderr.write(`kms-drift: ${message}\n`);
  process.exit(2);
}

/** The script's settings from the environment (a schema of lib/env), or exit naming the variable that is wrong. */
export function readEnvOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  const parsed = parseEnv(schema, process.env);
  if (!parsed.ok) fail(parsed.problem);
  return parsed.env;
}
