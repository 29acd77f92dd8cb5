import { SandboxError, type CallContext } from "../types";
import {
  accessDenied,
  accountNotFound,
  childNotFound,
  notInUse,
  parentNotFound,
  targetNotFound,
  wrongSigningRegion,
} from "./errors";
import { readId, readMembers, readPaging } from "./input";
import { isParentId, type Organization } from "./model";
import { paginate } from "./paginate";
import { renderAccount, renderOrganization, renderRoot, renderTags, renderUnit } from "./wire";

/** The global Region of the `aws` partition, where Organizations' only endpoint is. */
export const ORGANIZATIONS_REGION = "us-east-1";

type Operation = (org: Organization, input: unknown) => unknown;

/** A page of a parent's children: the parent must exist, and a NextToken is only good for it. */
function pageOfChildren<T>(
  org: Organization,
  input: unknown,
  operation: string,
  children: ReadonlyMap<string, readonly T[]>,
) {
  const members = readMembers(input);
  const parentId = readId(members, "ParentId");
  const paging = readPaging(members);
  if (!isParentId(org, parentId)) throw parentNotFound();
  return paginate(children.get(parentId) ?? [], { operation, scope: parentId, ...paging });
}

/**
 * The read operations kms-drift (and an auditor with the AWS CLI) uses. Every one but
 * DescribeOrganization is for the management account or a delegated administrator only
 * (docs/aws-facts.md#organizations); IAM policies are not modelled.
 */
const OPERATIONS: Record<string, { anyMember?: boolean; run: Operation }> = {
  DescribeOrganization: {
    anyMember: true,
    run: (org) => ({ Organization: renderOrganization(org) }),
  },
  ListRoots: {
    run: (org, input) => {
      const paging = readPaging(readMembers(input));
      const page = paginate([org.definition.root], {
        operation: "ListRoots",
        scope: "",
        ...paging,
      });
      return { Roots: page.items.map(() => renderRoot(org)), NextToken: page.nextToken };
    },
  },
  ListOrganizationalUnitsForParent: {
    run: (org, input) => {
      const page = pageOfChildren(org, input, "ListOrganizationalUnitsForParent", org.childUnits);
      return {
        OrganizationalUnits: page.items.map((unit) => renderUnit(org, unit)),
        NextToken: page.nextToken,
      };
    },
  },
  ListAccountsForParent: {
    run: (org, input) => {
      const page = pageOfChildren(org, input, "ListAccountsForParent", org.childAccounts);
      return {
        Accounts: page.items.map((account) => renderAccount(org, account)),
        NextToken: page.nextToken,
      };
    },
  },
  ListAccounts: {
    run: (org, input) => {
      const paging = readPaging(readMembers(input));
      const page = paginate(org.definition.accounts, {
        operation: "ListAccounts",
        scope: "",
        ...paging,
      });
      return {
        Accounts: page.items.map((account) => renderAccount(org, account)),
        NextToken: page.nextToken,
      };
    },
  },
  DescribeAccount: {
    run: (org, input) => {
      const account = org.accountsById.get(readId(readMembers(input), "AccountId"));
      if (!account) throw accountNotFound();
      return { Account: renderAccount(org, account) };
    },
  },
  ListParents: {
    run: (org, input) => {
      const members = readMembers(input);
      const childId = readId(members, "ChildId");
      const paging = readPaging(members);
      const parentId =
        org.accountsById.get(childId)?.parentId ?? org.unitsById.get(childId)?.parentId;
      if (parentId === undefined) throw childNotFound();
      const page = paginate([parentId], { operation: "ListParents", scope: childId, ...paging });
      return {
        Parents: page.items.map((id) => ({
          Id: id,
          Type: id === org.definition.root.id ? "ROOT" : "ORGANIZATIONAL_UNIT",
        })),
        NextToken: page.nextToken,
      };
    },
  },
  ListTagsForResource: {
    run: (org, input) => {
      const members = readMembers(input);
      const resourceId = readId(members, "ResourceId");
      const tags =
        resourceId === org.definition.root.id
          ? {}
          : (org.accountsById.get(resourceId)?.tags ?? org.unitsById.get(resourceId)?.tags);
      if (tags === undefined) throw targetNotFound();
      // A resource holds at most 50 tags; AWS pages them with NextToken only (no MaxResults).
      return { Tags: renderTags(tags) };
    },
  },
};

/**
 * One Organizations request. The caller's account must be in the organization
 * (AWSOrganizationsNotInUseException), and, except for DescribeOrganization, be its management
 * account or a delegated administrator (AccessDeniedException).
 */
export function runOrganizationsOperation(
  org: Organization | undefined,
  operation: string,
  input: unknown,
  ctx: CallContext,
): unknown {
  const spec = OPERATIONS[operation];
  if (!spec) throw new SandboxError("UnknownOperationException", "", 400);
  if (ctx.region !== ORGANIZATIONS_REGION) throw wrongSigningRegion(ctx.region);
  if (!org || !org.accountsById.has(ctx.account)) throw notInUse();
  const { managementAccountId, delegatedAdministrators } = org.definition;
  const privileged =
    ctx.account === managementAccountId || delegatedAdministrators.includes(ctx.account);
  if (!spec.anyMember && !privileged) throw accessDenied();
  return spec.run(org, input);
}
