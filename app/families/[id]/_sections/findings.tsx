import type { FindingView } from "@/lib/views/family-report";
import { FindingCard } from "@/components/family/finding-card";
import { Section } from "@/components/ui/section";

export function FindingsSection({
  findings,
  compared,
}: {
  findings: FindingView[];
  /** False when the family had no reference to compare with: no findings then means unknown. */
  compared: boolean;
}) {
  return (
    <Section id="findings-heading" title={`Findings (${findings.length})`}>
      {findings.length === 0 ? (
        <p className="text-sm">
          {compared
            ? "In sync: no differences from the reference region."
            : "None, but nothing was compared: the drift of this family is unknown."}
        </p>
      ) : (
        <div className="space-y-3">
          {findings.map((f) => (
            <FindingCard key={f.id} finding={f} />
          ))}
        </div>
      )}
    </Section>
  );
}
