import { pickDriftRules, type KmsDriftConfig } from "../config";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan } from "../domain/snapshot";
import { detectFindings } from "../drift/detect-findings";
import { formFamilies } from "../drift/families";
import { coverageFromRegions } from "../drift/region-coverage";
import { clearVerdictCache } from "../policy/compare";

export interface Detected {
  families: Family[];
  /** Before attribution. */
  findings: Finding[];
}

/**
 * Detect: families formed with the keys' metadata, then every finding, judged against what the
 * scan could read (a region that failed is unknown, never missing). Leaves no policy work cached.
 */
export function detectStage(
  keys: KeyRecord[],
  regionScans: RegionScan[],
  config: KmsDriftConfig,
  now: Date,
): Detected {
  const coverage = coverageFromRegions(regionScans, keys);
  const families = formFamilies(keys, config, coverage);
  const findings = detectFindings({
    keys,
    families,
    rules: pickDriftRules(config),
    lastUse: config.lastUse,
    now,
    coverage,
  });
  // Decided: the policy work cached for it would otherwise live as long as the snapshot's keys.
  clearVerdictCache();
  return { families, findings };
}
