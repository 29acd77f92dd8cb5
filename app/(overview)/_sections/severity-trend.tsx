import { getSeverityTrend } from "@/lib/server/overview";
import { SeverityTrendChart } from "@/components/overview/severity-trend-chart";
import { LoadingSection } from "@/components/ui/loading-section";

async function SeverityTrend() {
  const trend = await getSeverityTrend();
  if (trend.length <= 1)
    return <p className="text-sm">One snapshot so far: the trend appears after the next scan.</p>;
  return <SeverityTrendChart points={trend} />;
}

export function SeverityTrendSection() {
  return (
    <LoadingSection id="trend-heading" title="Findings over time" loading="Loading the trend">
      <SeverityTrend />
    </LoadingSection>
  );
}
