import type { Grant } from "../domain/key-record";
import { REGION_PLACEHOLDER, replaceRegion } from "./region-text";

/** What a grant allows, independent of its id and of the key's own region. */
export function grantSignature(grant: Grant, region: string): string {
  const r = (s: string | undefined): string | null =>
    s === undefined ? null : replaceRegion(s, region, REGION_PLACEHOLDER);
  const sortObj = (o: Record<string, string> | undefined): [string, string][] | null =>
    o ? Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null;
  return JSON.stringify([
    r(grant.granteePrincipal),
    [...new Set(grant.operations)].sort(),
    sortObj(grant.constraints?.encryptionContextSubset),
    sortObj(grant.constraints?.encryptionContextEquals),
    r(grant.retiringPrincipal),
  ]);
}

const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/;
const SERVICE_LINKED_ROLE = /:(role|assumed-role)\/aws-service-role\//;

/**
 * Grants AWS services create for themselves (EBS, RDS, Lambda…): the grantee or retiring principal is a
 * service principal or a service-linked role. They come and go with resources, so they are set apart.
 */
export function isServiceGrant(grant: Grant): boolean {
  return [grant.granteePrincipal, grant.retiringPrincipal].some(
    (p) => p !== undefined && (SERVICE_PRINCIPAL.test(p) || SERVICE_LINKED_ROLE.test(p)),
  );
}

export interface GrantSetDiff {
  /** In the reference, not here (rewritten for this region). */
  missing: Grant[];
  /** Here, not in the reference. */
  extra: Grant[];
}

/** Multiset difference of grants by meaning. */
export function diffGrants(
  reference: Grant[],
  referenceRegion: string,
  actual: Grant[],
  region: string,
): GrantSetDiff {
  const pool = new Map<string, Grant[]>();
  for (const g of actual) {
    const sig = grantSignature(g, region);
    pool.set(sig, [...(pool.get(sig) ?? []), g]);
  }
  const missing: Grant[] = [];
  for (const g of reference) {
    const bucket = pool.get(grantSignature(g, referenceRegion));
    if (bucket && bucket.length > 0) bucket.shift();
    else missing.push(g);
  }
  return { missing, extra: [...pool.values()].flat() };
}
