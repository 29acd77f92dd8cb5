import type { Organization, OrgAccountDefinition, OrgUnitDefinition } from "./model";

/** Organizations' ARNs name the management account and the organization, never a Region. */
function arn(org: Organization, resource: string): string {
  const { managementAccountId } = org.definition;
  return `arn:aws:organizations::${managementAccountId}:${resource}`;
}

const SERVICE_CONTROL_POLICIES = [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }];

/** AWS JSON 1.1 timestamps are epoch seconds, fractional when there are milliseconds. */
export function epochSeconds(time: Date): number {
  return time.getTime() / 1000;
}

export function renderOrganization(org: Organization) {
  const { id, managementAccountId } = org.definition;
  const management = org.accountsById.get(managementAccountId);
  return {
    Id: id,
    Arn: arn(org, `organization/${id}`),
    FeatureSet: "ALL",
    MasterAccountArn: arn(org, `account/${id}/${managementAccountId}`),
    MasterAccountId: managementAccountId,
    MasterAccountEmail: management?.email ?? "",
    AvailablePolicyTypes: SERVICE_CONTROL_POLICIES,
  };
}

export function renderRoot(org: Organization) {
  const { id, root } = org.definition;
  return {
    Id: root.id,
    Arn: arn(org, `root/${id}/${root.id}`),
    Name: root.name,
    PolicyTypes: SERVICE_CONTROL_POLICIES,
  };
}

export function renderUnit(org: Organization, unit: OrgUnitDefinition) {
  return {
    Id: unit.id,
    Arn: arn(org, `ou/${org.definition.id}/${unit.id}`),
    Name: unit.name,
  };
}

export function renderAccount(org: Organization, account: OrgAccountDefinition) {
  return {
    Id: account.id,
    Arn: arn(org, `account/${org.definition.id}/${account.id}`),
    Email: account.email,
    Name: account.name,
    Status: account.state,
    State: account.state,
    JoinedMethod: account.joinedMethod,
    JoinedTimestamp: epochSeconds(account.joinedAt),
  };
}

export function renderTags(tags: Record<string, string>) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}
