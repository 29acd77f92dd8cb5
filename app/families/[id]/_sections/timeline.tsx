import type { TrailEvent } from "@/lib/domain/trail-event";
import { ColumnHeaders } from "@/components/ui/column-headers";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { Section } from "@/components/ui/section";
import { TimeText } from "@/components/ui/time-text";

function EventTable({ events }: { events: TrailEvent[] }) {
  return (
    <ScrollRegion label="CloudTrail timeline, scrollable">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">
          CloudTrail write events on this family&apos;s keys, newest first
        </caption>
        <ColumnHeaders columns={["Time", "Region", "Event", "Actor", "Source IP"]} />
        <tbody>
          {events.map((e) => (
            <tr key={e.eventId} className="border-b border-slate-100 dark:border-slate-900">
              <td className="py-1 pr-3">
                <TimeText iso={e.eventTime} />
              </td>
              <td className="py-1 pr-3">{e.region}</td>
              <td className="py-1 pr-3">
                {e.eventName}
                {e.errorCode ? ` (${e.errorCode})` : ""}
              </td>
              <td className="py-1 pr-3 font-mono break-all">{e.actor}</td>
              <td className="py-1">{e.sourceIp ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function TimelineSection({ events }: { events: TrailEvent[] }) {
  return (
    <Section id="timeline-heading" title="CloudTrail timeline">
      {events.length === 0 ? (
        <p className="text-sm">
          No CloudTrail write events for this family&apos;s keys in the snapshot (unattributed).
        </p>
      ) : (
        <EventTable events={events} />
      )}
    </Section>
  );
}
