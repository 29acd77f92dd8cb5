import type { Grant } from "../domain/key-record";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { diffGrants, grantSignature, isServiceGrant } from "./grant-signature";
import { comparablePairs } from "./readable";
import { replaceRegion } from "./region-text";
import { createGrantCommand, revokeGrantCommand } from "./remediation";

function summarize(g: Grant): Record<string, unknown> {
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

/** Grants by meaning (grantee, operations, constraints, retiring principal), never by id; service grants apart. */
export function detectGrantDrift(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "grants")) {
    if (!reference.grants || !actual.grants) continue;
    const { missing, extra } = diffGrants(
      reference.grants,
      reference.region,
      actual.grants,
      actual.region,
    );
    const region = actual.region;
    const userMissing = missing
      .filter((g) => !isServiceGrant(g))
      .map((g) => rewrite(g, reference.region, region));
    const userExtra = extra.filter((g) => !isServiceGrant(g));
    const serviceMissing = missing.filter(isServiceGrant);
    const serviceExtra = extra.filter(isServiceGrant);
    const sigs = (gs: Grant[], r: string): string[] => gs.map((g) => grantSignature(g, r)).sort();
    if (userMissing.length + userExtra.length > 0) {
      const wider = userExtra.length > 0;
      const parts = [
        userExtra.length > 0
          ? `${userExtra.length} grant(s) in ${region} that ${reference.region} does not have`
          : "",
        userMissing.length > 0
          ? `${userMissing.length} grant(s) of ${reference.region} missing in ${region}`
          : "",
      ].filter(Boolean);
      out.push({
        property: "grants",
        region,
        keyId: actual.keyId,
        rule: wider ? "grants-wider" : "grants-narrower",
        title: parts.join("; "),
        expected: userMissing.map(summarize),
        actual: userExtra.map(summarize),
        detail: {
          missing: userMissing.map(summarize),
          extra: userExtra.map(summarize),
          serviceGrants: false,
        },
        remediation: [
          ...userMissing.map((g) => createGrantCommand(region, actual.keyId, g)),
          ...userExtra.map((g) => revokeGrantCommand(region, actual.keyId, g.grantId)),
        ],
        what: JSON.stringify({
          missing: sigs(userMissing, region),
          extra: sigs(userExtra, region),
        }),
      });
    }
    if (serviceMissing.length + serviceExtra.length > 0) {
      out.push({
        property: "grants",
        region,
        keyId: actual.keyId,
        rule: "service-grants",
        title: `AWS service grants differ in ${region}: ${serviceExtra.length} extra, ${serviceMissing.length} missing`,
        expected: serviceMissing.map(summarize),
        actual: serviceExtra.map(summarize),
        detail: {
          missing: serviceMissing.map(summarize),
          extra: serviceExtra.map(summarize),
          serviceGrants: true,
          note: "AWS services create and retire these grants with their own resources; no command is suggested.",
        },
        remediation: [],
        what: JSON.stringify({
          service: true,
          missing: sigs(serviceMissing, reference.region),
          extra: sigs(serviceExtra, region),
        }),
      });
    }
  }
  return out;
}
