import type { MemberColumn } from "@/lib/views/family-report";
import type { PropertyRow } from "@/lib/views/member-properties";
import { cn } from "../ui/cn";
import { ScrollRegion } from "../ui/scroll-region";

/** Each property of each member side by side; cells that differ from the reference are highlighted. */
export function PropertiesTable({
  members,
  properties,
}: {
  members: MemberColumn[];
  properties: PropertyRow[];
}) {
  return (
    <ScrollRegion label="Properties by region, scrollable">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">
          Properties per region; highlighted cells differ from the reference region
        </caption>
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="py-1 pr-3">
              Property
            </th>
            {members.map((m) => (
              <th key={m.arn} scope="col" className="py-1 pr-3 align-bottom">
                {m.region}
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">
                  {m.isReference
                    ? m.role === "primary"
                      ? "primary (reference)"
                      : "reference"
                    : m.role}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {properties.map((p) => (
            <tr
              key={p.property}
              className="border-b border-slate-100 align-top dark:border-slate-900"
            >
              <th scope="row" className="py-1 pr-3 font-medium">
                {p.property}
              </th>
              {p.values.map((v, i) => (
                <td
                  key={members[i]?.arn ?? i}
                  className={cn(
                    "max-w-xs py-1 pr-3 break-words whitespace-pre-line",
                    p.differs[i] &&
                      "bg-amber-100 font-medium text-amber-950 dark:bg-amber-900 dark:text-amber-50",
                  )}
                >
                  {v ?? <span className="text-slate-500">not read</span>}
                  {p.differs[i] ? (
                    <span className="sr-only"> (differs from the reference)</span>
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
