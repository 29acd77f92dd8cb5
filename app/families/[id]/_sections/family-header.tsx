import type { FamilyOutline } from "@/lib/views/family-report";

export function FamilyHeader({ outline }: { outline: FamilyOutline }) {
  const { family } = outline;
  return (
    <>
      <h1 className="text-2xl font-semibold break-all">{family.name}</h1>
      <p className="mb-6 text-sm text-slate-700 dark:text-slate-300">
        {family.kind} family · account <span className="font-mono">{family.account}</span> ·
        reference {family.referenceRegion ?? "undetermined"} · {family.members.length} member(s) ·
        snapshot <span className="font-mono">{outline.snapshot.id}</span>
        {family.flags.length > 0 ? ` · ${family.flags.join(", ")}` : ""}
      </p>
    </>
  );
}
