import { pickDriftRules, type KmsDriftConfig } from "../config";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan } from "../domain/snapshot";
import { applyWaivers } from "../drift/apply-waivers";
import { detectFindings } from "../drift/detect-findings";
import { formFamilies } from "../drift/families";
import { indexKeysByArn } from "../drift/family-view";
import { coverageFromRegions, type RegionCoverage } from "../drift/region-coverage";
import type { DriftRules } from "../drift/rules-schema";
import { clearVerdictCache } from "../policy/compare";

export interface Detected {
  families: Family[];
  /** Before attribution. */
  findings: Finding[];
}

/**
 * Families decided between two clears of the policy memos. The memos are keyed by the keys' policy
 * objects, which live as long as the snapshot, so left to the end of a scan they grow with the
 * estate (~100 MB at 18,000 keys, the CLI's peak at 90,000); a key's policy is compared only
 * within its families, so a batch of families needs only its own.
 */
export const FAMILIES_PER_MEMO_BATCH = 1_000;

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
  const rules = pickDriftRules(config);
  const found = findingsInBatches(keys, families, { rules, config, now, coverage });
  // Waivers last, over every finding: an expired waiver's notices follow all findings.
  return { families, findings: applyWaivers(found, rules.waivers, now) };
}

interface BatchContext {
  rules: DriftRules;
  config: KmsDriftConfig;
  now: Date;
  coverage: RegionCoverage;
}

/** Each batch's findings, in family order, without waivers; no policy memo outlives its batch. */
function findingsInBatches(
  keys: KeyRecord[],
  families: Family[],
  { rules, config, now, coverage }: BatchContext,
): Finding[] {
  const keysByArn = indexKeysByArn(keys);
  const unwaived = { ...rules, waivers: [] };
  const findings: Finding[] = [];
  for (let start = 0; start < families.length; start += FAMILIES_PER_MEMO_BATCH) {
    const batch = families.slice(start, start + FAMILIES_PER_MEMO_BATCH);
    const found = detectFindings({
      keys: membersOf(batch, keysByArn),
      families: batch,
      rules: unwaived,
      lastUse: config.lastUse,
      now,
      coverage,
    });
    for (const finding of found) findings.push(finding);
    clearVerdictCache();
  }
  clearVerdictCache();
  return findings;
}

/** The records of a batch's members (the one each ARN resolves to in the whole scan). */
function membersOf(batch: readonly Family[], keysByArn: Map<string, KeyRecord>): KeyRecord[] {
  const records = new Set<KeyRecord>();
  for (const family of batch)
    for (const member of family.members) {
      const record = keysByArn.get(member.arn);
      if (record !== undefined) records.add(record);
    }
  return [...records];
}
