import "server-only";
import { defaultConfig, loadConfig } from "../config";
import {
  buildResidency,
  residencyRulesView,
  type ResidencyRuleView,
  type ResidencyView,
} from "../views/residency";
import { readServerEnv } from "./server-env";
import { loadSnapshotOrThrow, memoBySnapshot } from "./snapshot-cache";

async function loadRules(): Promise<ResidencyRuleView[]> {
  const env = readServerEnv();
  const config = env.KMS_DRIFT_CONFIG ? await loadConfig(env.KMS_DRIFT_CONFIG) : defaultConfig();
  return residencyRulesView(config.residency);
}

export async function getResidency(snapshotId = "latest"): Promise<ResidencyView> {
  const [snapshot, rules] = await Promise.all([loadSnapshotOrThrow(snapshotId), loadRules()]);
  return { ...memoBySnapshot("residency", snapshot, buildResidency), rules };
}
