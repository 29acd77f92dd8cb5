import "server-only";
import { defaultConfig, loadConfig, type KmsDriftConfig } from "../config";
import { ENV, readEnv, type EnvOf } from "../env/env";

/**
 * The dashboard's config: the file KMS_DRIFT_CONFIG names, read afresh on every call (an edit
 * applies to the next scan without a restart), or the defaults.
 */
export async function loadDashboardConfig(
  env: EnvOf<"dashboard"> = readEnv(ENV.dashboard),
): Promise<KmsDriftConfig> {
  return env.KMS_DRIFT_CONFIG ? loadConfig(env.KMS_DRIFT_CONFIG) : defaultConfig();
}
