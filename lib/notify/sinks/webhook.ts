import { createHmac } from "node:crypto";
import {
  WEBHOOK_SCHEMA_ID,
  type NotificationContent,
  type WebhookPayload,
} from "../webhook-schema";
import { postJson } from "./http-post";
import { readSecret, type SendContext, type SendResult } from "./send-result";

export const SIGNATURE_HEADER = "x-kms-drift-signature";
export const TIMESTAMP_HEADER = "x-kms-drift-timestamp";
export const DELIVERY_HEADER = "x-kms-drift-delivery";

/** `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

/**
 * The signed JSON POST. The timestamp is in the header and, signed, in the body (`sentAt`), so a
 * receiver that checks both and refuses old timestamps cannot be fed a replayed request.
 */
export async function sendWebhook(
  sink: { url: string; secretEnv: string },
  content: NotificationContent,
  ctx: SendContext,
): Promise<SendResult> {
  const secret = readSecret(ctx.env, sink.secretEnv, "webhook signing secret");
  const now = new Date(Math.floor(ctx.now().getTime() / 1000) * 1000);
  const payload: WebhookPayload = {
    schema: WEBHOOK_SCHEMA_ID,
    deliveryId: ctx.deliveryId,
    sentAt: now.toISOString(),
    ...content,
  };
  const body = JSON.stringify(payload);
  return postJson(
    sink.url,
    body,
    {
      [SIGNATURE_HEADER]: signBody(secret, body),
      [TIMESTAMP_HEADER]: String(now.getTime() / 1000),
      [DELIVERY_HEADER]: ctx.deliveryId,
    },
    ctx,
  );
}
