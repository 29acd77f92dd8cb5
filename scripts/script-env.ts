import { z } from "zod";

/** A whole number written as digits (`3e3`, `0x10`, ` ` and `` are refused, not coerced). */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().min(min, `expected at least ${min}`).max(max, `expected at most ${max}`));
}

/** Where the dashboard listens; `npm start` passes both on to scripts/serve.ts. */
export const listenEnv = {
  PORT: wholeNumber(1, 65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
};

/** A script's fatal error: one line on stderr, exit status 2. */
export function fail(message: string): never {
  process.stderr.write(`kms-drift: ${message}\n`);
  process.exit(2);
}

/** The script's settings from the environment, or exit naming the variable that is wrong. */
export function readEnvOrExit<T extends z.ZodType>(schema: T): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(`invalid environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return parsed.data;
}
