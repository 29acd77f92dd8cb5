import "server-only";
import { readDashboardEnv, type DashboardEnv } from "../dashboard-env";

export type ServerEnv = DashboardEnv;

/** The dashboard server's settings from the environment; one clear error naming the variable. */
export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  return readDashboardEnv(env);
}
