import "server-only";
import { defaultConfig, loadConfig } from "../config";
import {
  buildResidency,
  residencyRulesView,
  type ResidencyRuleView,
  type ResidencyView,
} from "../views/residency";
import { ENV, readEnv } from "../env/env";
import { loadSnapshotOrThrow, memoBySnapshot } from "./snapshot-cache";

/** The configured residency rules (read from the config file on every call). */
export async function getResidencyRules(): Promise<ResidencyRuleView[]> {
  const env = readEnv(ENV.dashboard);
  const config = env.KMS_DRIFT_CONFIG ? await loadConfig(env.KMS_DRIFT_CONFIG) : defaultConfig();
  return residencyRulesView(config.residency);
}

/** What one snapshot decides about residency, computed once per snapshot. */
export async function getResidencyPart(
  snapshotId = "latest",
): Promise<Omit<ResidencyView, "rules">> {
  const snapshot = await loadSnapshotOrThrow(snapshotId);
  return memoBySnapshot("residency", snapshot, buildResidency);
}

export async function getResidency(snapshotId = "latest"): Promise<ResidencyView> {
  const [part, rules] = await Promise.all([getResidencyPart(snapshotId), getResidencyRules()]);
  return { ...part, rules };
}
