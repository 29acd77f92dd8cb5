import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { z } from "zod";
import { webhookPayloadSchema, type WebhookPayload } from "../webhook-schema";

/** Test-only: real receivers on loopback ports that check what kms-drift sends them. */

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  raw: string;
  status: number;
}

interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Answers `statuses` in turn (then 200 for ever), after `check` accepted the request. */
async function startHttpReceiver(
  path: string,
  statuses: number[],
  check: (raw: string, headers: IncomingHttpHeaders) => string | null,
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const problem =
        req.method !== "POST" || req.url !== path ? "wrong route" : check(raw, req.headers);
      const status = problem !== null ? 400 : (statuses[requests.length] ?? 200);
      requests.push({ headers: req.headers, raw, status });
      res.writeHead(status, { "content-type": "text/plain" }).end(problem ?? "ok");
    });
  });
  const base = await listen(server);
  return { url: `${base}${path}`, requests, close: () => closeServer(server) };
}

/** The receiver's side of the signature check, as the README shows it. */
export function verifySignature(
  secret: string,
  raw: string,
  headers: IncomingHttpHeaders,
  nowSeconds: number,
): string | null {
  const signature = String(headers["x-kms-drift-signature"] ?? "");
  const timestamp = Number(headers["x-kms-drift-timestamp"]);
  const expected = `sha256=${createHmac("sha256", secret).update(raw).digest("hex")}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return "bad signature";
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > 300)
    return "stale timestamp";
  const payload = JSON.parse(raw) as { sentAt?: string };
  if (Date.parse(payload.sentAt ?? "") !== timestamp * 1000)
    return "timestamp does not match sentAt";
  return null;
}

export async function startWebhookReceiver(
  secret: string,
  statuses: number[] = [],
): Promise<HttpReceiver & { payloads: () => WebhookPayload[] }> {
  const receiver = await startHttpReceiver("/hooks/kms-drift", statuses, (raw, headers) => {
    if (headers["content-type"] !== "application/json") return "not JSON";
    const bad = verifySignature(secret, raw, headers, Date.now() / 1000);
    if (bad) return bad;
    const parsed = webhookPayloadSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return `schema: ${parsed.error.issues[0]?.message ?? "invalid"}`;
    return headers["x-kms-drift-delivery"] === parsed.data.deliveryId ? null : "delivery header";
  });
  return {
    ...receiver,
    payloads: () =>
      receiver.requests
        .filter((r) => r.status === 200)
        .map((r) => webhookPayloadSchema.parse(JSON.parse(r.raw))),
  };
}

// What Slack's incoming webhooks accept: `text` and blocks of known types with text objects.
const textObject = z.strictObject({
  type: z.enum(["plain_text", "mrkdwn"]),
  text: z.string().min(1).max(3000),
});
const slackMessageSchema = z.strictObject({
  text: z.string().min(1),
  blocks: z
    .array(
      z.discriminatedUnion("type", [
        z.strictObject({
          type: z.literal("header"),
          text: textObject.extend({ type: z.literal("plain_text"), text: z.string().max(150) }),
        }),
        z.strictObject({ type: z.literal("section"), text: textObject }),
        z.strictObject({
          type: z.literal("context"),
          elements: z.array(textObject).min(1).max(10),
        }),
      ]),
    )
    .min(1)
    .max(50),
});
export type SlackMessage = z.infer<typeof slackMessageSchema>;

export async function startSlackReceiver(): Promise<
  HttpReceiver & { messages: () => SlackMessage[] }
> {
  const receiver = await startHttpReceiver("/services/T000/B000/XXXX", [], (raw, headers) => {
    if (headers["content-type"] !== "application/json") return "not JSON";
    return slackMessageSchema.safeParse(JSON.parse(raw)).success ? null : "invalid_blocks";
  });
  return {
    ...receiver,
    messages: () => receiver.requests.map((r) => slackMessageSchema.parse(JSON.parse(r.raw))),
  };
}

export interface SmtpReceiver {
  port: number;
  messages: ParsedMail[];
  close(): Promise<void>;
}

/** An SMTP server (the smtp-server package) without TLS or auth that parses what it receives. */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.server.address() as AddressInfo).port));
  });
  return {
    port,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port nothing listens on (bound, then closed): a receiver that is down. */
export async function closedPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
