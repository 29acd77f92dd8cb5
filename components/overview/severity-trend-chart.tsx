"use client";

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { SEVERITIES, type Severity } from "@/lib/domain/finding";

export interface TrendPoint {
  snapshotId: string;
  startedAt: string;
  counts: Record<Severity, number>;
}

const COLORS: Record<Severity, string> = {
  critical: "#b91c1c",
  high: "#ea580c",
  medium: "#d97706",
  low: "#0284c7",
  info: "#64748b",
};

/** Open findings per severity over the stored snapshots, oldest on the left. */
export function SeverityTrendChart({ points }: { points: TrendPoint[] }) {
  const data = points.map((p) => ({
    label: p.startedAt.slice(5, 16).replace("T", " "),
    ...p.counts,
  }));
  return (
    <figure
      aria-label="Open findings per severity over the stored snapshots"
      className="h-64 w-full"
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.3} />
          <XAxis dataKey="label" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          {[...SEVERITIES].reverse().map((s) => (
            <Area
              key={s}
              type="monotone"
              dataKey={s}
              stackId="1"
              stroke={COLORS[s]}
              fill={COLORS[s]}
              fillOpacity={0.6}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">
        {points
          .map((p) => `${p.startedAt}: ${SEVERITIES.map((s) => `${p.counts[s]} ${s}`).join(", ")}`)
          .join("; ")}
      </figcaption>
    </figure>
  );
}
