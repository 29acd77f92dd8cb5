import type { AwsCredentialIdentityProvider } from "@smithy/types";
import {
  createOrganizationsReader,
  type OrganizationsReader,
  type OrgAccount,
} from "../aws/organizations";
import { describeAwsError, errorName, isConnectionError } from "../aws/errors";
import type { ScannedOrganization } from "../domain/account-scan";
import { matchGlob } from "../domain/glob";
import { runPool } from "../inventory/run-pool";
import type { OrganizationConfig } from "../domain/organization-config";
import { ScanSetupError } from "./types";

/** An account of the Organization, with where it sits and (when it is scanned) its tags. */
export interface DiscoveredAccount extends OrgAccount {
  ou?: { id: string; path: string };
  tags?: Record<string, string>;
}

export interface Discovery {
  organization: ScannedOrganization;
  /** The accounts to scan, in the order Organizations listed them. */
  targets: DiscoveredAccount[];
  /** The accounts left out, each with why. */
  skipped: { account: DiscoveredAccount; reason: string }[];
}

/** Organizations calls in flight at once (its quotas are low and not published per operation). */
const ORGANIZATIONS_CONCURRENCY = 4;

interface TreeNode {
  id: string;
  path: string;
  /** This node's id and every ancestor's. */
  lineage: string[];
}

/**
 * Finds the accounts of the caller's Organization. Without `ous`: ListAccounts. With `ous`:
 * ListRoots, then ListOrganizationalUnitsForParent down the whole tree and ListAccountsForParent
 * for every parent, so that each account knows its OU and the accounts outside the filter are
 * reported as skipped rather than silently absent. An OU includes the OUs below it.
 */
export async function discoverAccounts(
  reader: OrganizationsReader,
  config: OrganizationConfig,
  caller: string,
): Promise<Discovery> {
  const org = await ask(caller, "DescribeOrganization", () => reader.describeOrganization());
  const listed = config.ous
    ? await listThroughTree(reader, config.ous, org.id, caller)
    : (await ask(caller, "ListAccounts", () => reader.listAccounts())).map(
        (account): { account: DiscoveredAccount; inFilter: boolean } => ({
          account,
          inFilter: true,
        }),
      );
  const targets: DiscoveredAccount[] = [];
  const skipped: Discovery["skipped"] = [];
  const seen = new Set<string>();
  for (const { account, inFilter } of listed) {
    if (seen.has(account.id)) continue;
    seen.add(account.id);
    const reason = inFilter
      ? reasonToSkip(account, config)
      : `not in the OU filter (organization.ous: ${config.ous?.join(", ") ?? ""})`;
    if (reason === undefined) targets.push(account);
    else skipped.push({ account, reason });
  }
  await ask(caller, "ListTagsForResource", () =>
    runPool(targets, ORGANIZATIONS_CONCURRENCY, async (account) => {
      account.tags = await reader.listTags(account.id);
    }),
  );
  return {
    organization: { ...org, roleName: config.roleName },
    targets,
    skipped,
  };
}

function reasonToSkip(account: OrgAccount, config: OrganizationConfig): string | undefined {
  if (config.skipSuspended && account.state !== "ACTIVE")
    return `account state is ${account.state} (organization.skipSuspended)`;
  const matches = (pattern: string) =>
    matchGlob(pattern, account.id, true) || matchGlob(pattern, account.name, true);
  if (config.include && !config.include.some(matches)) return "not matched by organization.include";
  const excludedBy = config.exclude?.find(matches);
  if (excludedBy !== undefined) return `excluded by organization.exclude "${excludedBy}"`;
  return undefined;
}

async function listThroughTree(
  reader: OrganizationsReader,
  ous: readonly string[],
  organizationId: string,
  caller: string,
): Promise<{ account: DiscoveredAccount; inFilter: boolean }[]> {
  const roots = await ask(caller, "ListRoots", () => reader.listRoots());
  const nodes: TreeNode[] = roots.map((r) => ({
    id: r.id,
    path: r.name || "Root",
    lineage: [r.id],
  }));
  // Breadth first, a level at a time, a few parents side by side.
  for (let level = nodes; level.length > 0;) {
    const children = await ask(caller, "ListOrganizationalUnitsForParent", () =>
      runPool(level, ORGANIZATIONS_CONCURRENCY, async (parent) =>
        (await reader.listUnits(parent.id)).map((unit) => ({
          id: unit.id,
          path: `${parent.path}/${unit.name}`,
          lineage: [...parent.lineage, unit.id],
        })),
      ),
    );
    level = children.flat();
    nodes.push(...level);
  }
  const unknown = ous.filter((id) => !nodes.some((node) => node.id === id));
  if (unknown.length > 0)
    throw new ScanSetupError(
      "usage",
      `organization.ous: ${unknown.join(", ")} ${unknown.length === 1 ? "is not an OU" : "are not OUs"} of organization ${organizationId}`,
    );
  const perNode = await ask(caller, "ListAccountsForParent", () =>
    runPool(nodes, ORGANIZATIONS_CONCURRENCY, async (node) => {
      const inFilter = node.lineage.some((id) => ous.includes(id));
      return (await reader.listAccountsIn(node.id)).map((account) => ({
        account: { ...account, ou: { id: node.id, path: node.path } },
        inFilter,
      }));
    }),
  );
  return perNode.flat();
}

/** One Organizations step; its failure stops the scan before any account is touched (exit 2). */
async function ask<T>(caller: string, operation: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    throw describeDiscoveryFailure(err, caller, operation);
  }
}

function describeDiscoveryFailure(err: unknown, caller: string, operation: string): Error {
  if (err instanceof ScanSetupError) return err;
  const detail = `organizations:${operation}: ${describeAwsError(err)}`;
  switch (errorName(err)) {
    case "AWSOrganizationsNotInUseException":
      return new ScanSetupError(
        "usage",
        `organization: account ${caller} is not a member of an AWS Organization (${detail})`,
      );
    case "AccessDeniedException":
      return new ScanSetupError(
        "credentials",
        `organization: account ${caller} may not read the Organization; run kms-drift from the management account or a delegated administrator, with organizations:List*/Describe* allowed (${detail})`,
      );
    default:
      return new ScanSetupError(
        isConnectionError(err) ? "connection" : "credentials",
        `organization: discovery failed (${detail})`,
      );
  }
}

/** Discovery with the base credentials, in the partition's Organizations Region. */
export async function discoverOrganization(input: {
  credentials: AwsCredentialIdentityProvider;
  caller: string;
  config: OrganizationConfig;
  partition: string;
  endpoint?: string;
  signal: AbortSignal;
}): Promise<Discovery> {
  const reader = createOrganizationsReader({
    credentials: input.credentials,
    partition: input.partition,
    signal: input.signal,
    ...(input.endpoint !== undefined ? { endpoint: input.endpoint } : {}),
  });
  try {
    return await discoverAccounts(reader, input.config, input.caller);
  } finally {
    reader.close();
  }
}
