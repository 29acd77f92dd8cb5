import type { Grant } from "../domain/key-record";

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
