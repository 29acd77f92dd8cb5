import "server-only";
import {
  residencyFromFacts,
  residencyRulesView,
  type ResidencyRuleView,
  type ResidencyView,
} from "../views/residency";
import { loadDashboardConfig } from "./dashboard-config";
import { cachedLoad, latestSnapshotId, snapshotNotFound } from "./snapshot-cache";
import { getStore } from "./store";

/** The configured residency rules (read from the config file on every call). */
export async function getResidencyRules(): Promise<ResidencyRuleView[]> {
  return residencyRulesView((await loadDashboardConfig()).residency);
}

// Snapshots are immutable once stored: what one decides about residency is read once per id.
const parts = new Map<string, Promise<Omit<ResidencyView, "rules"> | null>>();

/**
 * What one snapshot decides about residency, from SQL aggregates over its rows (store.residencyFacts:
 * no key document is read); a missing snapshot is a 404 for routes.
 */
export async function getResidencyPart(
  snapshotId = "latest",
): Promise<Omit<ResidencyView, "rules">> {
  const id = snapshotId === "latest" ? await latestSnapshotId() : snapshotId;
  const part =
    id === null
      ? null
      : await cachedLoad(parts, id, 8, async () => {
          const facts = await (await getStore()).residencyFacts(id);
          return facts && residencyFromFacts(facts);
        });
  if (!part) throw snapshotNotFound(snapshotId);
  return part;
}

export async function getResidency(snapshotId = "latest"): Promise<ResidencyView> {
  const [part, rules] = await Promise.all([getResidencyPart(snapshotId), getResidencyRules()]);
  return { ...part, rules };
}
