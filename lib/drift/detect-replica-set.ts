import type { DraftFinding } from "./draft-finding";
import { NOT_SCANNED_FLAG_PREFIX } from "./families";
import type { FamilyView } from "./family-view";
import { matchGlob } from "../domain/glob";
import type { RegionCoverage } from "./region-coverage";
import type { ExpectedReplicasRule } from "./rules-schema";
import { replicateKeyCommand, scheduleKeyDeletionCommand } from "./remediation";
import { matchSelector } from "./selector";

/** A primary region change is under way: MultiRegionConfiguration may show two replicas and no primary. */
export function isUpdating(view: FamilyView): boolean {
  return (
    view.family.flags.some((f) => /updating/i.test(f)) ||
    view.members.some((m) => m.record?.metadata.KeyState === "Updating")
  );
}

/** Members versus the primary's `MultiRegionConfiguration.ReplicaKeys` (multi-Region families only). */
export function detectReplicaSetDrift(view: FamilyView): DraftFinding[] {
  if (view.family.kind !== "multi-region") return [];
  const primary =
    view.members.find(
      (m) => m.record?.metadata.MultiRegionConfiguration?.MultiRegionKeyType === "PRIMARY",
    ) ?? view.members.find((m) => m.member.role === "primary");
  const config = primary?.record?.metadata.MultiRegionConfiguration;
  if (!primary || !config) return [];
  const primaryRegion = primary.member.region;
  const listed = new Set(
    config.ReplicaKeys.map((r) => r.Region).filter((r) => r !== primaryRegion),
  );
  const present = new Set(
    view.members.map((m) => m.member.region).filter((r) => r !== primaryRegion),
  );
  const updating = isUpdating(view);
  const rule = updating ? "replica-set-updating" : "replica-set";
  const keyId = view.family.name;
  const out: DraftFinding[] = [];
  // A replica in a region the scan did not read (not requested, down, not enabled) is unknown, not missing.
  const unscanned = new Set(
    view.family.flags
      .filter((f) => f.startsWith(NOT_SCANNED_FLAG_PREFIX))
      .map((f) => f.slice(NOT_SCANNED_FLAG_PREFIX.length)),
  );
  for (const region of [...listed].filter((r) => !present.has(r) && !unscanned.has(r)).sort()) {
    out.push({
      property: "replicaSet",
      region,
      keyId,
      title: `the primary in ${primaryRegion} lists a replica in ${region} that the scan did not find`,
      expected: [...listed].sort(),
      actual: [...present].sort(),
      detail: { rule, kind: "listed-not-found", primaryRegion, updating },
      remediation: [],
      what: `listed-not-found:${region}`,
    });
  }
  for (const region of [...present].filter((r) => !listed.has(r)).sort()) {
    out.push({
      property: "replicaSet",
      region,
      keyId,
      title: `a replica in ${region} is not listed by the primary in ${primaryRegion}`,
      expected: [...listed].sort(),
      actual: [...present].sort(),
      detail: { rule, kind: "found-not-listed", primaryRegion, updating },
      remediation: [],
      what: `found-not-listed:${region}`,
    });
  }
  return out;
}

/** Config `expectedReplicas`: the regions a family must (and may only) have. */
export function detectExpectedReplicas(
  view: FamilyView,
  rules: ExpectedReplicasRule[],
  coverage: RegionCoverage,
): DraftFinding[] {
  const out: DraftFinding[] = [];
  const regions = view.members.map((m) => m.member.region);
  const keyId = view.family.name;
  // A region the scan did not read (failed, or not in the scan) is unknown, not missing. A region
  // that is not enabled cannot hold the key, so there it is missing.
  const lookedAt = (region: string): boolean => {
    const state = coverage.of(view.family.account, region).state;
    return state === "read" || state === "not-enabled";
  };
  for (const rule of rules) {
    if (!matchSelector(rule.selector, view)) continue;
    const inDeclared = (r: string): boolean => rule.regions.some((p) => matchGlob(p, r));
    const missing = rule.regions.filter(
      (p) => !p.includes("*") && !p.includes("?") && !regions.includes(p) && lookedAt(p),
    );
    const extra = regions.filter((r) => !inDeclared(r));
    for (const region of missing) {
      out.push({
        property: "replicaSet",
        region,
        keyId,
        title: `no key of the family in ${region}, which the config expects`,
        expected: rule.regions,
        actual: regions,
        detail: { rule: "expected-replicas", kind: "expected-missing", declared: rule.regions },
        remediation:
          view.family.kind === "multi-region" && view.family.referenceRegion
            ? [replicateKeyCommand(view.family.referenceRegion, keyId, region)]
            : [],
        what: `expected-missing:${region}`,
      });
    }
    for (const region of extra) {
      const member = view.members.find((m) => m.member.region === region);
      out.push({
        property: "replicaSet",
        region,
        keyId: member?.member.keyId ?? keyId,
        title: `a key of the family in ${region}, which the config does not expect`,
        expected: rule.regions,
        actual: regions,
        detail: { rule: "expected-replicas", kind: "unexpected", declared: rule.regions },
        remediation: member ? [scheduleKeyDeletionCommand(region, member.member.keyId)] : [],
        what: `unexpected:${region}`,
      });
    }
  }
  return out;
}
