import nodemailer from "nodemailer";
import { neutraliseControlChars } from "../../report/control-chars";
import { summaryLine } from "../content";
import type { NotificationContent } from "../webhook-schema";
import { emailHtml, severityText, type EmailItem } from "./email-html";
import { readSecret, type SendContext, type SendResult } from "./send-result";

export interface EmailSink {
  host: string;
  port: number;
  secure: boolean;
  requireTls: boolean;
  user?: string;
  passwordEnv?: string;
  from: string;
  to: string[];
}

function textBody(content: NotificationContent): string {
  const groups: [string, EmailItem[]][] = [
    ["New", content.new],
    ["Worsened", content.worsened],
    ["Resolved", content.resolved],
  ];
  const lines = [
    `kms-drift: ${summaryLine(content)}.`,
    `Snapshot ${content.snapshot.id}, taken ${content.snapshot.startedAt}: ${content.snapshot.url}`,
    "",
  ];
  for (const [heading, items] of groups) {
    if (items.length === 0) continue;
    lines.push(`${heading}:`);
    for (const item of items)
      lines.push(`  [${severityText(item)}] ${item.title} (${item.region})`, `    ${item.url}`);
    lines.push("");
  }
  lines.push(
    "The printable report of this snapshot is attached.",
    `Dashboard: ${content.dashboardUrl}`,
  );
  // Titles carry text from AWS: no control or bidi character reaches a mail reader.
  return neutraliseControlChars(lines.join("\n"), { keep: "\n" });
}

export function emailSubject(content: NotificationContent): string {
  const { counts } = content;
  return `kms-drift: ${counts.new} new, ${counts.resolved} resolved, ${counts.worsened} worsened at or above ${content.minSeverity} (snapshot ${content.snapshot.id.slice(0, 8)})`;
}

/** SMTP reply codes 4xx are transient, 5xx permanent; connection trouble is worth another try. */
function classify(err: unknown): SendResult {
  const e = (typeof err === "object" && err !== null ? err : {}) as {
    responseCode?: unknown;
    code?: unknown;
  };
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const code = typeof e.code === "string" ? e.code : "";
  if (responseCode !== undefined)
    return {
      ok: false,
      retryable: responseCode < 500,
      statusCode: responseCode,
      error: `SMTP ${responseCode}${code ? ` (${code})` : ""}`,
    };
  const permanent = code === "EAUTH" || code === "EENVELOPE" || code === "EMESSAGE";
  return { ok: false, retryable: !permanent, error: code ? `SMTP ${code}` : "SMTP send failed" };
}

/** One message with text, HTML and the snapshot's printable HTML report attached. */
export async function sendEmail(
  sink: EmailSink,
  content: NotificationContent,
  ctx: SendContext,
): Promise<SendResult> {
  const password =
    sink.passwordEnv !== undefined
      ? readSecret(ctx.env, sink.passwordEnv, "SMTP password")
      : undefined;
  const report = await ctx.loadReport();
  const transport = nodemailer.createTransport({
    host: sink.host,
    port: sink.port,
    secure: sink.secure,
    requireTLS: sink.requireTls,
    ...(sink.user !== undefined && password !== undefined
      ? { auth: { user: sink.user, pass: password } }
      : {}),
    connectionTimeout: ctx.timeoutMs,
    greetingTimeout: ctx.timeoutMs,
    socketTimeout: ctx.timeoutMs,
  });
  try {
    const info = await transport.sendMail({
      from: sink.from,
      to: sink.to,
      subject: emailSubject(content),
      text: textBody(content),
      html: emailHtml(content),
      headers: { "X-Kms-Drift-Delivery": ctx.deliveryId },
      attachments: [
        {
          filename: report.filename,
          content: report.html,
          contentType: "text/html; charset=utf-8",
        },
      ],
    });
    return { ok: true, detail: `accepted by ${info.accepted.length} recipient(s)` };
  } catch (err) {
    return classify(err);
  } finally {
    transport.close();
  }
}
