import "server-only";
import { describeActions, describePrincipal } from "../drift/policy-words";
import type { AccessDeltaView } from "./finding-details";

function describeConditions(entry: AccessDeltaView): string {
  const parts = entry.conditions.conditions.map(
    (c) => `${c.operator} ${c.key} = ${c.values.join(" | ")}`,
  );
  if (entry.conditions.resources) parts.push(`resource ${entry.conditions.resources.join(", ")}`);
  return parts.length > 0 ? ` when ${parts.join(" and ")}` : "";
}

/** One access-delta entry in words: who gains or loses what, where, under which conditions. */
export function describeDeltaEntry(
  entry: AccessDeltaView,
  region: string,
  referenceLabel: string,
): string {
  const who = describePrincipal(entry.principal, region);
  const when = describeConditions(entry);
  const parts: string[] = [];
  if (entry.gained.length > 0)
    parts.push(
      `gains ${describeActions(entry.gained)} in ${region}, which ${referenceLabel} does not allow`,
    );
  if (entry.denyRemoved.length > 0)
    parts.push(`is no longer denied ${describeActions(entry.denyRemoved)} in ${region}`);
  if (entry.lost.length > 0)
    parts.push(`loses ${describeActions(entry.lost)} in ${region} (allowed in ${referenceLabel})`);
  if (entry.denyAdded.length > 0)
    parts.push(
      `is denied ${describeActions(entry.denyAdded)} in ${region}, not in ${referenceLabel}`,
    );
  return `${who} ${parts.join("; ")}${when}`;
}
