import type { AccessDeltaEntry } from "./access-delta";
import { KMS_IAM_ACTIONS } from "../policy/kms-actions";
import { REGION_PLACEHOLDER } from "./region-text";

/** A principal as people say it: `role/analytics-export`, `account 111122223333`, `logs.eu-west-1.amazonaws.com`. */
export function describePrincipal(principal: string, region: string): string {
  if (principal === "*") return "everyone (*)";
  const value = principal
    .slice(principal.indexOf(":") + 1)
    .split(REGION_PLACEHOLDER)
    .join(region);
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(value);
  if (root) return `account ${root[1]}`;
  const iam = /^arn:[^:]+:(?:iam|sts)::\d{12}:(.+)$/.exec(value);
  return iam?.[1] ?? value;
}

export function describeActions(actions: string[]): string {
  if (actions.length >= KMS_IAM_ACTIONS.length) return "kms:*";
  if (actions.length <= 3) return actions.join(", ");
  return `${actions.slice(0, 3).join(", ")} and ${actions.length - 3} more`;
}

function describeEntry(e: AccessDeltaEntry, region: string, referenceLabel: string): string {
  const who = describePrincipal(e.principal, region);
  const when =
    e.conditions.conditions.length > 0 || e.conditions.resources ? " (under conditions)" : "";
  if (e.denyRemoved.length > 0) {
    return `${who} is no longer denied ${describeActions(e.denyRemoved)} in ${region}${when}`;
  }
  if (e.gained.length > 0)
    return `${who} can ${describeActions(e.gained)} in ${region} only${when}`;
  if (e.lost.length > 0) {
    return `${who} cannot ${describeActions(e.lost)} in ${region} (it can in ${referenceLabel})${when}`;
  }
  return `${who} is denied ${describeActions(e.denyAdded)} in ${region}, not in ${referenceLabel}${when}`;
}

/** The access delta in one sentence: the widest change first, then how many more. */
export function describeAccessDelta(
  entries: AccessDeltaEntry[],
  region: string,
  referenceLabel: string,
): string {
  const ranked = [...entries].sort((a, b) => rank(a) - rank(b));
  const first = ranked[0];
  if (!first) return "";
  const more = ranked.length - 1;
  return (
    describeEntry(first, region, referenceLabel) +
    (more > 0 ? `; ${more} more access change${more > 1 ? "s" : ""}` : "")
  );
}

function rank(e: AccessDeltaEntry): number {
  if (e.denyRemoved.length > 0) return 0;
  if (e.gained.length > 0) return 1;
  if (e.lost.length > 0) return 2;
  return 3;
}
