import { geoEqualEarth, geoPath } from "d3-geo";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import land110 from "world-atlas/land-110m.json";
import type { ResidencyRegion } from "@/lib/views/residency";

const WIDTH = 960;
const HEIGHT = 470;

function landShape(): string {
  const topology = land110 as unknown as Topology<{ land: GeometryCollection }>;
  const land = feature(topology, topology.objects.land) as
    FeatureCollection<Geometry> | Feature<Geometry>;
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
  return geoPath(projection)(land) ?? "";
}

let cachedLand: string | null = null;

const LABEL_HEIGHT = 12;
const LABEL_WIDTH = 80;

/** Label baselines that do not overlap: a label too close to one already placed moves down a line. */
function labelYs(points: { x: number; y: number }[]): number[] {
  const placed: { x: number; y: number }[] = [];
  return points.map((point) => {
    let y = point.y - 6;
    while (
      placed.some((p) => Math.abs(p.x - point.x) < LABEL_WIDTH && Math.abs(p.y - y) < LABEL_HEIGHT)
    ) {
      y += LABEL_HEIGHT;
    }
    placed.push({ x: point.x, y });
    return y;
  });
}

/** Server-rendered world map: every scanned region as a dot sized by the families it holds, red when it has violations. */
export function WorldMap({ regions }: { regions: ResidencyRegion[] }) {
  cachedLand ??= landShape();
  const projection = geoEqualEarth().fitSize([WIDTH, HEIGHT], { type: "Sphere" });
  const placed = regions.flatMap((r) => {
    const point = r.coordinates ? projection(r.coordinates) : null;
    return point ? [{ ...r, x: point[0], y: point[1] }] : [];
  });
  const labelY = labelYs(placed);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="map-title"
        className="h-auto w-full"
      >
        <title id="map-title">World map of the regions holding key material</title>
        <path
          d={cachedLand}
          className="fill-slate-200 stroke-slate-400 dark:fill-slate-800 dark:stroke-slate-600"
          strokeWidth={0.5}
        />
        {placed.map((r, index) => (
          <g key={r.region}>
            <circle
              cx={r.x}
              cy={r.y}
              r={4 + Math.min(14, Math.sqrt(r.families) * 1.5)}
              className={
                r.violations > 0
                  ? "fill-red-600/70 stroke-red-900"
                  : "fill-blue-600/60 stroke-blue-900 dark:fill-blue-400/60"
              }
            >
              <title>{`${r.region}: ${r.families} families, ${r.violations} residency violations`}</title>
            </circle>
            <text
              x={r.x + 6}
              y={labelY[index]}
              className="fill-slate-900 text-[11px] dark:fill-slate-100"
            >
              {r.region}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        Dots sized by the number of families with key material in the region; red dots hold key
        material outside its allowed regions.
      </figcaption>
    </figure>
  );
}
