import type { SinkConfig } from "./config-schema";
import { sendEmail } from "./sinks/email";
import {
  MissingSecretError,
  permanentFailure,
  type SendContext,
  type SendResult,
} from "./sinks/send-result";
import { sendSlack } from "./sinks/slack";
import { sendWebhook } from "./sinks/webhook";
import type { NotificationContent } from "./webhook-schema";

/** One attempt to one sink. Never throws: every failure is a SendResult saying whether to retry. */
export async function sendToSink(
  sink: SinkConfig,
  content: NotificationContent,
  ctx: SendContext,
): Promise<SendResult> {
  try {
    switch (sink.type) {
      case "webhook":
        return await sendWebhook(sink, content, ctx);
      case "slack":
        return await sendSlack(sink, content, ctx);
      case "email":
        return await sendEmail(sink, content, ctx);
    }
  } catch (err) {
    if (err instanceof MissingSecretError) return permanentFailure(err.message);
    const text = err instanceof Error ? err.message.split("\n")[0] : String(err);
    return { ok: false, retryable: true, error: `unexpected: ${text}` };
  }
}
