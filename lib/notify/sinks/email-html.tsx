import { renderStaticDocument } from "../../report/render-static";
import { summaryLine } from "../content";
import type { NotificationContent, NotifiedFinding } from "../webhook-schema";

export type EmailItem = NotifiedFinding & { previousSeverity?: string };

export function severityText(item: EmailItem): string {
  return item.previousSeverity ? `${item.previousSeverity} -> ${item.severity}` : item.severity;
}

function FindingList({ heading, items }: { heading: string; items: EmailItem[] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h2>{heading}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            <strong>{severityText(i)}</strong> <a href={i.url}>{i.title}</a> ({i.region})
          </li>
        ))}
      </ul>
    </>
  );
}

/** The HTML part of the digest e-mail. */
export function emailHtml(content: NotificationContent): string {
  const { snapshot } = content;
  return renderStaticDocument(
    <html>
      <body>
        <p>kms-drift: {summaryLine(content)}.</p>
        <p>
          Snapshot <a href={snapshot.url}>{snapshot.id}</a>, taken {snapshot.startedAt}.
        </p>
        <FindingList heading="New" items={content.new} />
        <FindingList heading="Worsened" items={content.worsened} />
        <FindingList heading="Resolved" items={content.resolved} />
        <p>
          The printable report of this snapshot is attached.{" "}
          <a href={content.dashboardUrl}>Open the dashboard</a>.
        </p>
      </body>
    </html>,
  );
}
