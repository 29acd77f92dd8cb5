/**
 * What an Organization holds in the sandbox: one management account, optional delegated
 * administrators, one root, a tree of OUs and the member accounts. A world defines it whole
 * (`SandboxApi.defineOrganization`); the API only reads it.
 */

/** `Status` is being retired by AWS (September 2026) in favour of `State`; both are served. */
export type OrgAccountState = "ACTIVE" | "SUSPENDED" | "PENDING_CLOSURE";

export interface OrgAccountDefinition {
  id: string;
  name: string;
  email: string;
  state: OrgAccountState;
  joinedMethod: "CREATED" | "INVITED";
  joinedAt: Date;
  /** The root or OU id the account sits in. */
  parentId: string;
  tags: Record<string, string>;
}

export interface OrgUnitDefinition {
  id: string;
  name: string;
  /** The root or OU id above it. */
  parentId: string;
  tags: Record<string, string>;
}

export interface OrganizationDefinition {
  /** `o-` + 10 to 32 lowercase letters or digits. */
  id: string;
  managementAccountId: string;
  /** Member accounts registered as a delegated administrator for some service. */
  delegatedAdministrators: string[];
  root: { id: string; name: string };
  /** Parents before their children. */
  units: OrgUnitDefinition[];
  /** In the order they joined (ListAccounts answers in this order); the management account too. */
  accounts: OrgAccountDefinition[];
}

/** The organization with the lookups its operations need, built once. */
export interface Organization {
  readonly definition: OrganizationDefinition;
  readonly accountsById: ReadonlyMap<string, OrgAccountDefinition>;
  readonly unitsById: ReadonlyMap<string, OrgUnitDefinition>;
  /** Child OUs and accounts of each root or OU, in definition order. */
  readonly childUnits: ReadonlyMap<string, OrgUnitDefinition[]>;
  readonly childAccounts: ReadonlyMap<string, OrgAccountDefinition[]>;
}

export function indexOrganization(definition: OrganizationDefinition): Organization {
  const accountsById = new Map(definition.accounts.map((a) => [a.id, a]));
  const unitsById = new Map(definition.units.map((u) => [u.id, u]));
  const childUnits = new Map<string, OrgUnitDefinition[]>();
  const childAccounts = new Map<string, OrgAccountDefinition[]>();
  for (const unit of definition.units) push(childUnits, unit.parentId, unit);
  for (const account of definition.accounts) push(childAccounts, account.parentId, account);
  return { definition, accountsById, unitsById, childUnits, childAccounts };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function isParentId(org: Organization, id: string): boolean {
  return id === org.definition.root.id || org.unitsById.has(id);
}
