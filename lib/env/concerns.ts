import { z } from "zod";
import {
  allowedHostsField,
  flagField,
  regionListField,
  scheduleField,
  unsetWhenEmpty,
  wholeNumber,
} from "./fields";

// One schema per concern. lib/env/env.ts composes them for each program (dashboard, launcher, CLI);
// README "Environment variables" lists every variable below.

/** Where the store lives: a PostgreSQL server, else a PGlite directory (default `./data`). */
export const STORE_ENV = {
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KMS_DRIFT_DATA_DIR: unsetWhenEmpty,
};

/** Where the dashboard listens. */
export const LISTEN_ENV = {
  PORT: wholeNumber(1, 65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
};

/** Who may use the dashboard, and by which names it is reached (lib/http, proxy.ts). */
export const ACCESS_ENV = {
  HOST: LISTEN_ENV.HOST,
  KMS_DRIFT_TOKEN: z
    .string()
    .min(16, "use at least 16 characters")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KMS_DRIFT_TRUST_PROXY_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, "expected an HTTP header name")
    .transform((s) => s.toLowerCase())
    .optional()
    .or(z.literal("").transform(() => undefined)),
  KMS_DRIFT_ALLOWED_HOSTS: allowedHostsField,
  /** `1` behind a TLS-terminating proxy: the login and CSRF cookies are marked Secure. */
  KMS_DRIFT_SECURE_COOKIES: flagField.default("0"),
};

/** What the AWS SDK reads that kms-drift reads too: the endpoint and the default region. */
export const AWS_ENV = {
  AWS_ENDPOINT_URL: z.url({ error: "expected a URL" }).optional(),
  AWS_ENDPOINT_URL_KMS: z.url({ error: "expected a URL" }).optional(),
  AWS_REGION: unsetWhenEmpty,
  AWS_DEFAULT_REGION: unsetWhenEmpty,
};

/** The config file (dashboard and CLI). */
export const CONFIG_ENV = {
  KMS_DRIFT_CONFIG: z.string().trim().min(1, "empty path").optional(),
};

/** The dashboard's scans: which credentials, regions and schedule, and a first one at start. */
export const SCAN_SERVICE_ENV = {
  AWS_PROFILE: z.string().min(1, "empty profile name").optional(),
  KMS_DRIFT_REGIONS: regionListField.optional(),
  KMS_DRIFT_SCHEDULE: scheduleField,
  KMS_DRIFT_SCAN_ON_START: flagField.default("1"),
};

/**
 * The job queue (`kms-drift worker`, `scan --distributed`, the dashboard's scans): whether the
 * dashboard's scans run on workers, and how long a worker holds a shard before it counts as lost.
 */
export const QUEUE_ENV = {
  KMS_DRIFT_WORKERS: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.enum(["local", "queue"], { error: 'expected "local" or "queue"' }).default("local"),
  ),
  KMS_DRIFT_SHARD_LEASE: wholeNumber(5, 3600).optional(),
};

/** `kms-drift verify`: the key (fingerprint or PEM path) to trust when no flag names one. */
export const VERIFY_ENV = {
  KMS_DRIFT_TRUSTED_KEY: unsetWhenEmpty,
};

/** `npm start`: what it serves against, and what it does to the data directory first. */
export const LAUNCH_ENV = {
  KMS_DRIFT_SOURCE: z.enum(["sandbox", "aws"]).default("sandbox"),
  KMS_DRIFT_SANDBOX_WORLD: z.enum(["demo", "empty", "large"]).default("demo"),
  KMS_DRIFT_SANDBOX_SEED: wholeNumber(0, Number.MAX_SAFE_INTEGER).default(1),
  KMS_DRIFT_SANDBOX_KEYS: wholeNumber(1, 100_000).optional(),
  KMS_DRIFT_SANDBOX_DOWN: regionListField
    .pipe(z.array(z.string(), { error: "name the regions to take down, e.g. us-east-1" }))
    .optional(),
  KMS_DRIFT_FRESH_DATA: flagField.default("0"),
};
