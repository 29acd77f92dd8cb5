import { z } from "zod";
import { SEVERITIES } from "../domain/finding";

/** The name of an environment variable that holds a secret; secrets never sit in the config file. */
const envNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: "expected an environment variable name" });

const sinkName = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: "expected 1–64 letters, digits, '.', '_' or '-'" });

const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

const webhookSinkSchema = z.strictObject({
  type: z.literal("webhook"),
  name: sinkName,
  url: httpUrl,
  /** HMAC-SHA256 key for `X-Kms-Drift-Signature`. */
  secretEnv: envNameSchema,
  minSeverity: z.enum(SEVERITIES).optional(),
});

const slackSinkSchema = z.strictObject({
  type: z.literal("slack"),
  name: sinkName,
  /** The incoming-webhook URL is itself the credential. */
  urlEnv: envNameSchema,
  minSeverity: z.enum(SEVERITIES).optional(),
});

const emailSinkSchema = z
  .strictObject({
    type: z.literal("email"),
    name: sinkName,
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    /** Refuse to send unless the connection is encrypted (STARTTLS or `secure`). */
    requireTls: z.boolean().default(true),
    user: z.string().min(1).optional(),
    passwordEnv: envNameSchema.optional(),
    from: z.email(),
    to: z.array(z.email()).min(1),
    minSeverity: z.enum(SEVERITIES).optional(),
  })
  .refine((s) => (s.user === undefined) === (s.passwordEnv === undefined), {
    message: "give both user and passwordEnv, or neither",
    path: ["passwordEnv"],
  });

export const sinkSchema = z.discriminatedUnion("type", [
  webhookSinkSchema,
  slackSinkSchema,
  emailSinkSchema,
]);

/** Config `notify`: a digest after every stored snapshot, to each sink. */
export const notifyConfigSchema = z
  .strictObject({
    /** Where the dashboard is reachable by readers: links in every message start here. */
    dashboardUrl: httpUrl,
    /** New, resolved and worsened findings at or above this severity are announced. */
    minSeverity: z.enum(SEVERITIES).default("high"),
    retry: z
      .strictObject({
        attempts: z.number().int().min(1).max(10).default(5),
        initialDelayMs: z.number().int().min(10).max(600_000).default(2_000),
        maxDelayMs: z.number().int().min(10).max(3_600_000).default(60_000),
        /** Each attempt's own deadline. */
        timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
      })
      .prefault({}),
    sinks: z.array(sinkSchema).min(1),
  })
  .refine((n) => new Set(n.sinks.map((s) => s.name)).size === n.sinks.length, {
    message: "sink names must be unique",
    path: ["sinks"],
  });

export type NotifyConfig = z.infer<typeof notifyConfigSchema>;
export type SinkConfig = z.infer<typeof sinkSchema>;
export type RetryConfig = NotifyConfig["retry"];
