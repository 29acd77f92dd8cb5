import { summaryLine } from "../content";
import type { NotificationContent, NotifiedFinding } from "../webhook-schema";
import { postJson } from "./http-post";
import { readSecret, type SendContext, type SendResult } from "./send-result";

// Slack's limits: a section's text is at most 3000 characters, a header's 150, a message 50 blocks.
const SECTION_MAX = 3000;
const HEADER_MAX = 150;

/** Slack mrkdwn treats &, < and > as control characters; text from AWS must not become markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function link(url: string, text: string): string {
  return `<${url}|${escapeMrkdwn(text).replace(/\|/g, "¦")}>`;
}

function findingLine(f: NotifiedFinding & { previousSeverity?: string }): string {
  const severity = f.previousSeverity ? `${f.previousSeverity} → ${f.severity}` : f.severity;
  return `• *${severity}* ${link(f.url, f.title)} (${escapeMrkdwn(f.region)})`;
}

function section(heading: string, items: NotifiedFinding[], moreUrl: string) {
  const lines: string[] = [];
  let length = heading.length + 1;
  for (const [i, item] of items.entries()) {
    const line = findingLine(item);
    const more = `… and ${items.length - i} more: ${link(moreUrl, "see the snapshot")}`;
    if (length + line.length + 1 + more.length + 1 > SECTION_MAX) {
      lines.push(more);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return { type: "section", text: { type: "mrkdwn", text: [heading, ...lines].join("\n") } };
}

/** The incoming-webhook message: a header, the counts, one section per kind of change, links. */
export function buildSlackMessage(content: NotificationContent): Record<string, unknown> {
  const { snapshot } = content;
  const groups: [string, NotifiedFinding[]][] = [
    ["*New*", content.new],
    ["*Worsened*", content.worsened],
    ["*Resolved*", content.resolved],
  ];
  return {
    text: `kms-drift: ${summaryLine(content)}`,
    blocks: [
      {
        type: "header",
        text: {
          type: "plain_text",
          text: `kms-drift: ${summaryLine(content)}`.slice(0, HEADER_MAX),
        },
      },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `Snapshot ${link(snapshot.url, snapshot.id)} taken ${escapeMrkdwn(snapshot.startedAt)}.`,
        },
      },
      ...groups
        .filter(([, items]) => items.length > 0)
        .map(([heading, items]) => section(heading, items, snapshot.url)),
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `${link(snapshot.reportUrl, "Printable report")} · ${link(content.dashboardUrl, "Dashboard")}`,
          },
        ],
      },
    ],
  };
}

export function sendSlack(
  sink: { urlEnv: string },
  content: NotificationContent,
  ctx: SendContext,
): Promise<SendResult> {
  const url = readSecret(ctx.env, sink.urlEnv, "Slack incoming-webhook URL");
  return postJson(url, JSON.stringify(buildSlackMessage(content)), {}, ctx);
}
