import type { AttributionRef, Finding } from "../domain/finding";
import { coordinatesOf } from "../domain/regions";
import type { Snapshot } from "../domain/snapshot";
import { findNewestUse, type NewestUse } from "../drift/last-use";
import type { ResidencyRule } from "../drift/rules-schema";
import type { Selector } from "../domain/selector";
import type { ResidencyFacts } from "../history/residency-facts";
import { matrixRegions } from "./family-matrix";
import { residencyDetailOf } from "./finding-details";

export interface ResidencyRegion {
  region: string;
  coordinates: [number, number] | null;
  families: number;
  violations: number;
  /** The newest recorded use of family key material held in the region (GetKeyLastUsage). */
  lastUsed: NewestUse | null;
  /** Whether last use was read for any of those keys (config `lastUse.read`, permissions). */
  lastUseRead: boolean;
}

export interface ResidencyRow {
  id: string;
  name: string;
  /** Regions holding this family's key material. */
  regions: string[];
  violating: string[];
}

export interface ResidencyViolation {
  findingId: string;
  familyId: string;
  region: string;
  title: string;
  rule: string | null;
  allowedRegions: string[];
  waived: boolean;
  /** ReplicateKey / CreateKey events that put the key material there, newest first. */
  evidence: AttributionRef[];
  attributionNote: string | null;
}

export interface ResidencyRuleView {
  name: string;
  selector: Selector;
  allowedRegions: string[];
}

export interface ResidencyView {
  snapshotId: string;
  regions: ResidencyRegion[];
  rows: ResidencyRow[];
  totalFamilies: number;
  violations: ResidencyViolation[];
  rules: ResidencyRuleView[];
}

/** Families shown in the table; the map and the violations always cover all of them. */
export const MAX_RESIDENCY_ROWS = 500;

/** A residency finding as the page lists it. */
export function residencyViolation(f: Finding): ResidencyViolation {
  const detail = residencyDetailOf(f);
  return {
    findingId: f.id,
    familyId: f.familyId,
    region: f.region,
    title: f.title,
    rule: detail?.residencyRule ?? null,
    allowedRegions: detail?.allowedRegions ?? [],
    waived: f.waived,
    evidence: f.attribution,
    attributionNote: f.attributionNote ?? null,
  };
}

/** The table's rows: the families with the most violating regions first, then by name. */
export function residencyRows(
  families: Omit<ResidencyRow, "violating">[],
  violations: ResidencyViolation[],
): ResidencyRow[] {
  const violating = new Map<string, string[]>();
  for (const v of violations)
    violating.set(v.familyId, [...(violating.get(v.familyId) ?? []), v.region]);
  return families
    .map((f) => ({ ...f, violating: violating.get(f.id) ?? [] }))
    .sort((a, b) => b.violating.length - a.violating.length || a.name.localeCompare(b.name));
}

export function buildResidency(snapshot: Snapshot): Omit<ResidencyView, "rules"> {
  const violations = snapshot.findings
    .filter((f) => f.property === "residency")
    .map(residencyViolation);
  const rows = residencyRows(
    snapshot.families.map((f) => ({
      id: f.id,
      name: f.name,
      regions: [...new Set(f.members.map((m) => m.region))].sort(),
    })),
    violations,
  );
  const members = new Set(snapshot.families.flatMap((f) => f.members.map((m) => m.arn)));
  const familyKeys = snapshot.keys.filter((k) => members.has(k.arn));
  const regions = matrixRegions(snapshot).map((region) => {
    const held = familyKeys.filter((k) => k.region === region);
    return {
      region,
      coordinates: coordinatesOf(region),
      families: rows.filter((r) => r.regions.includes(region)).length,
      violations: violations.filter((v) => v.region === region && !v.waived).length,
      lastUsed: findNewestUse(held),
      lastUseRead: held.some((k) => k.lastUse),
    };
  });
  return {
    snapshotId: snapshot.id,
    regions,
    rows: rows.slice(0, MAX_RESIDENCY_ROWS),
    totalFamilies: rows.length,
    violations,
  };
}

/** The same view as buildResidency, from what the store reads with SQL aggregates (never the keys). */
export function residencyFromFacts(facts: ResidencyFacts): Omit<ResidencyView, "rules"> {
  const violations = facts.residencyFindings.map(residencyViolation);
  const rows = residencyRows(facts.families, violations);
  const held = new Map(facts.heldKeys.map((h) => [h.region, h]));
  const names = new Set([...rows.flatMap((r) => r.regions), ...facts.findingAndFailedRegions]);
  const regions = [...names].sort().map((region): ResidencyRegion => ({
    region,
    coordinates: coordinatesOf(region),
    families: rows.filter((r) => r.regions.includes(region)).length,
    violations: violations.filter((v) => v.region === region && !v.waived).length,
    lastUsed: held.get(region)?.newest ?? null,
    lastUseRead: held.get(region)?.lastUseRead ?? false,
  }));
  return {
    snapshotId: facts.snapshotId,
    regions,
    rows: rows.slice(0, MAX_RESIDENCY_ROWS),
    totalFamilies: rows.length,
    violations,
  };
}

/** The residency rules of a config, as the page lists them. */
export function residencyRulesView(rules: ResidencyRule[]): ResidencyRuleView[] {
  return rules.map((r) => ({
    name: r.name,
    selector: r.selector,
    allowedRegions: r.allowedRegions,
  }));
}
