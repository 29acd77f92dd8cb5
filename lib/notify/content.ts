import type { Severity } from "../domain/finding";
import type { Digest, DigestItem } from "./digest";
import type { NotificationContent, NotifiedFinding } from "./webhook-schema";

export interface SnapshotRef {
  id: string;
  startedAt: string;
  finishedAt: string;
}

/** Dashboard links, from config `notify.dashboardUrl`. */
export function dashboardLinks(base: string) {
  const root = base.replace(/\/+$/, "");
  return {
    dashboard: `${root}/`,
    snapshot: (id: string) => `${root}/snapshots/${encodeURIComponent(id)}`,
    report: (id: string) => `${root}/api/snapshots/${encodeURIComponent(id)}/export?format=html`,
    family: (id: string) => `${root}/families/${encodeURIComponent(id)}`,
  };
}

/** The digest with its links: what every channel renders. */
export function buildContent(
  digest: Digest,
  snapshot: SnapshotRef,
  dashboardUrl: string,
  minSeverity: Severity,
): NotificationContent {
  const links = dashboardLinks(dashboardUrl);
  const link = (item: DigestItem): NotifiedFinding => ({
    ...item,
    url: links.family(item.familyId),
  });
  return {
    snapshot: {
      id: snapshot.id,
      startedAt: snapshot.startedAt,
      finishedAt: snapshot.finishedAt,
      url: links.snapshot(snapshot.id),
      reportUrl: links.report(snapshot.id),
    },
    dashboardUrl: links.dashboard,
    minSeverity,
    counts: {
      new: digest.new.length,
      resolved: digest.resolved.length,
      worsened: digest.worsened.length,
    },
    new: digest.new.map(link),
    resolved: digest.resolved.map(link),
    worsened: digest.worsened.map((i) => ({ ...link(i), previousSeverity: i.previousSeverity })),
  };
}

/** `2 new, 1 resolved and 0 worsened findings at or above high`. */
export function summaryLine(content: NotificationContent): string {
  const { counts } = content;
  return `${counts.new} new, ${counts.resolved} resolved and ${counts.worsened} worsened findings at or above ${content.minSeverity}`;
}
