import type { DrawnDetailOf, GrantSummary } from "../domain/finding-detail";
import type { Grant } from "../domain/key-record";
import { compareGrants, type GrantComparison } from "../policy/grants";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { isServiceGrant } from "./grant-signature";
import { comparablePairs } from "./readable";
import { replaceRegion } from "../domain/region-text";
import { createGrantCommand, revokeGrantCommand } from "./remediation";

function summarize(g: Grant): GrantSummary {
  return {
    grantId: g.grantId,
    name: g.name,
    granteePrincipal: g.granteePrincipal,
    operations: [...g.operations].sort(),
    ...(g.retiringPrincipal ? { retiringPrincipal: g.retiringPrincipal } : {}),
    ...(g.constraints ? { constraints: g.constraints } : {}),
  };
}

function rewrite(g: Grant, from: string, to: string): Grant {
  return {
    ...g,
    granteePrincipal: replaceRegion(g.granteePrincipal, from, to),
    ...(g.retiringPrincipal
      ? { retiringPrincipal: replaceRegion(g.retiringPrincipal, from, to) }
      : {}),
  };
}

function describe(c: GrantComparison, region: string, reference: string): string {
  const gained = c.delta.filter((d) => d.change === "gained");
  const lost = c.delta.filter((d) => d.change === "lost");
  const words = (ds: typeof gained): string =>
    ds
      .slice(0, 3)
      .map((d) => `${d.principal} ${d.operation}`)
      .join(", ") + (ds.length > 3 ? ` and ${ds.length - 3} more` : "");
  return [
    gained.length > 0
      ? `grants in ${region} allow what ${reference}'s do not: ${words(gained)}`
      : "",
    lost.length > 0 ? `grants in ${region} no longer allow: ${words(lost)}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/**
 * Grants by what they allow (grantee, operations, encryption-context constraints, retiring
 * principal), never by id: a grant set is wider only if some request is now allowed that was not.
 * AWS service grants are compared apart: services create and retire them with their resources.
 */
export function detectGrantDrift(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "grants")) {
    if (!reference.grants || !actual.grants) continue;
    const region = actual.region;
    for (const service of [false, true]) {
      const pick = (gs: Grant[]) => gs.filter((g) => isServiceGrant(g) === service);
      const c = compareGrants(
        { grants: pick(reference.grants), region: reference.region },
        { grants: pick(actual.grants), region },
      );
      if (c.verdict === "equal") continue;
      const missing = c.missing.map((g) => rewrite(g, reference.region, region));
      const detail: DrawnDetailOf<"grants"> = {
        rule: service
          ? "service-grants"
          : c.delta.some((d) => d.change === "gained")
            ? "grants-wider"
            : "grants-narrower",
        verdict: c.verdict,
        delta: c.delta,
        missing: missing.map(summarize),
        extra: c.widening.map(summarize),
        serviceGrants: service,
        ...(service
          ? {
              note: "AWS services create and retire these grants with their own resources; no command is suggested.",
            }
          : {}),
      };
      out.push({
        property: "grants",
        region,
        keyId: actual.keyId,
        title: service
          ? `AWS service grants differ in ${region}: ${describe(c, region, reference.region)}`
          : describe(c, region, reference.region),
        expected: missing.map(summarize),
        actual: c.widening.map(summarize),
        detail,
        remediation: service
          ? []
          : [
              ...missing.map((g) => createGrantCommand(region, actual.keyId, g)),
              ...c.widening.map((g) => revokeGrantCommand(region, actual.keyId, g.grantId)),
            ],
        what: JSON.stringify({
          service,
          delta: c.delta.map((d) => [d.change, d.principal, d.operation, d.witness]),
        }),
      });
    }
  }
  return out;
}
