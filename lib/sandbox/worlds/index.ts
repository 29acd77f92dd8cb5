import type { WorldBuilder } from "../types";
import { buildDemoWorld } from "./demo";
import { buildEmptyWorld } from "./empty";
import { buildLargeWorld } from "./large";
import { buildOrgWorld } from "./org";

export type WorldName = "empty" | "demo" | "large" | "org";

/** World builders by name; each is deterministic in (seed, anchor). */
export const worlds: Record<WorldName, WorldBuilder> = {
  empty: buildEmptyWorld,
  demo: buildDemoWorld,
  large: buildLargeWorld,
  org: buildOrgWorld,
};

export type { WorldDrift } from "./world-drift";
