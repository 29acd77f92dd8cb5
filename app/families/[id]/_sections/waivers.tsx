import type { FindingView } from "@/lib/views/family-report";
import { AttributionLine } from "@/components/family/attribution-line";
import { Section } from "@/components/ui/section";

export function WaiversSection({ findings }: { findings: FindingView[] }) {
  const waived = findings.filter((f) => f.waived);
  return (
    <Section id="waivers-heading" title="Waivers">
      {waived.length === 0 ? (
        <p className="text-sm">No finding of this family is waived.</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {waived.map((f) => (
            <li key={f.id}>
              <span className="font-medium">{f.title}</span>
              {f.waiver
                ? ` — ${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires})`
                : ""}
              <AttributionLine finding={f} />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
