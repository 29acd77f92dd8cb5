import { getResidencyRules } from "@/lib/server/residency";
import { LoadingSection } from "@/components/ui/loading-section";

async function Rules() {
  const rules = await getResidencyRules();
  if (rules.length === 0)
    return (
      <p className="text-sm">
        No residency rules in the config: add a <code>residency</code> entry (selector +
        allowedRegions) to check where key material may live.
      </p>
    );
  return (
    <ul className="list-disc pl-5 text-sm">
      {rules.map((r) => (
        <li key={r.name}>
          <span className="font-medium">{r.name}</span>: families matching{" "}
          <code>{JSON.stringify(r.selector)}</code> may live only in {r.allowedRegions.join(", ")}
        </li>
      ))}
    </ul>
  );
}

export function RulesSection() {
  return (
    <LoadingSection id="rules-heading" title="Rules" loading="Loading the rules" rows={2}>
      <Rules />
    </LoadingSection>
  );
}
