import type { WorldBuilder } from "../types";
import { buildDemoWorld } from "./demo";
import { buildEmptyWorld } from "./empty";
import { buildLargeWorld } from "./large";

export type WorldName = "empty" | "demo" | "large";

/** World builders by name; each is deterministic in (seed, anchor). */
export const worlds: Record<WorldName, WorldBuilder> = {
  empty: buildEmptyWorld,
  demo: buildDemoWorld,
  large: buildLargeWorld,
};

export type { WorldDrift } from "./world-drift";
