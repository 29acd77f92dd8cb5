import type { MemberColumn } from "@/lib/views/family-report";
import { Section } from "@/components/ui/section";

function MemberGrants({ member: m }: { member: MemberColumn }) {
  return (
    <li>
      <span className="font-medium">{m.region}</span>:{" "}
      {m.grants === null ? "not read" : m.grants.length === 0 ? "no grants" : null}
      {m.grants && m.grants.length > 0 ? (
        <ul className="list-disc pl-5">
          {m.grants.map((g) => (
            <li key={g.grantId}>
              {g.name || "(unnamed)"} → {g.granteePrincipal}: {g.operations.join(", ")}
              {g.constraints ? ` when ${JSON.stringify(g.constraints)}` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      {m.errors.length > 0 ? (
        <span className="block text-red-800 dark:text-red-300">
          Unreadable: {m.errors.map((e) => `${e.property} (${e.code})`).join(", ")}
        </span>
      ) : null}
    </li>
  );
}

export function GrantsSection({ members }: { members: MemberColumn[] }) {
  return (
    <Section id="grants-heading" title="Grants by region">
      <ul className="space-y-2 text-sm">
        {members.map((m) => (
          <MemberGrants key={m.arn} member={m} />
        ))}
      </ul>
    </Section>
  );
}
