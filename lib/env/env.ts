import { z } from "zod";
import {
  ACCESS_ENV,
  AWS_ENV,
  CONFIG_ENV,
  LAUNCH_ENV,
  LISTEN_ENV,
  QUEUE_ENV,
  SCAN_SERVICE_ENV,
  STORE_ENV,
  VERIFY_ENV,
} from "./concerns";

/**
 * The one place environment variables are read: each program's schema, composed from the concerns
 * in concerns.ts. A bad value is one line naming the variable (`npm start` checks them all before
 * it builds; the server and the CLI refuse to run on them).
 */
export const ENV = {
  /** The dashboard server: its store, access, scans and AWS endpoint. */
  dashboard: z
    .object({
      ...STORE_ENV,
      ...ACCESS_ENV,
      ...AWS_ENV,
      ...CONFIG_ENV,
      ...SCAN_SERVICE_ENV,
      ...QUEUE_ENV,
    })
    .superRefine((env, ctx) => {
      if (env.KMS_DRIFT_WORKERS === "queue" && env.DATABASE_URL === undefined)
        ctx.addIssue({
          code: "custom",
          path: ["KMS_DRIFT_WORKERS"],
          message: "queue needs DATABASE_URL: the job queue lives in PostgreSQL",
        });
    }),
  /** `scripts/serve.ts`: where it listens and who may use it. */
  serve: z.object({ ...LISTEN_ENV, ...ACCESS_ENV }),
  /** `npm start`: the launcher's own settings (it checks `dashboard` too). */
  launcher: z
    .object({ ...LISTEN_ENV, ...STORE_ENV, ...CONFIG_ENV, ...LAUNCH_ENV })
    .superRefine((env, ctx) => {
      if (env.KMS_DRIFT_SANDBOX_KEYS !== undefined && env.KMS_DRIFT_SANDBOX_WORLD !== "large")
        ctx.addIssue({
          code: "custom",
          path: ["KMS_DRIFT_SANDBOX_KEYS"],
          message: "only the large world takes a key count (set KMS_DRIFT_SANDBOX_WORLD=large)",
        });
    }),
  /** The CLI: its store, config, the trusted key of `verify` and the AWS endpoint of `scan`. */
  cli: z.object({ ...STORE_ENV, ...CONFIG_ENV, ...VERIFY_ENV, ...AWS_ENV, ...QUEUE_ENV }),
  /** Where the store lives (lib/store, for every program). */
  store: z.object(STORE_ENV),
  /** The HTTP gate (lib/http, proxy.ts, next.config.ts). */
  access: z.object(ACCESS_ENV),
  /** The endpoint and region a scan talks to (lib/scan). */
  aws: z.object(AWS_ENV),
};

export type EnvName = keyof typeof ENV;
export type EnvOf<N extends EnvName> = z.infer<(typeof ENV)[N]>;
export type RawEnv = Readonly<Record<string, string | undefined>>;

/** A bad environment variable: its message is the one line to show. */
export class EnvError extends Error {
  override readonly name = "EnvError";
}

/** A program's settings (`ENV.dashboard`, …) from `env`, or the one-line reason they are invalid. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  env: RawEnv = process.env,
): { ok: true; env: z.infer<S> } | { ok: false; problem: string } {
  const parsed = schema.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    problem: `invalid environment variable ${String(issue?.path[0])}: ${issue?.message ?? "invalid"}`,
  };
}

/** A program's settings from `env`; throws EnvError naming the variable that is wrong. */
export function readEnv<S extends z.ZodType>(schema: S, env: RawEnv = process.env): z.infer<S> {
  const parsed = parseEnv(schema, env);
  if (!parsed.ok) throw new EnvError(parsed.problem);
  return parsed.env;
}
