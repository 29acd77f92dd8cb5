import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
} from "@aws-sdk/client-organizations";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { z } from "zod";
import type { Partition } from "../domain/regions";
import { collectPages } from "./paginate";
import { KmsDriftRetryStrategy } from "./retry-strategy";

/**
 * Organizations has one endpoint per partition, signed for the partition's global Region
 * (docs/aws-facts.md#organizations). `organizations.test.ts` diffs this table against the SDK's
 * endpoint rules. With a custom endpoint (the sandbox) the SDK signs for the client's Region, so
 * the client is always made in this one.
 */
export const ORGANIZATIONS_REGIONS: Readonly<Record<Partition, string>> = {
  aws: "us-east-1",
  "aws-cn": "cn-northwest-1",
  "aws-us-gov": "us-gov-west-1",
  "aws-eusc": "eusc-de-east-1",
  "aws-iso": "us-iso-east-1",
  "aws-iso-b": "us-isob-east-1",
  "aws-iso-e": "eu-isoe-west-1",
  "aws-iso-f": "us-isof-south-1",
};

/** The Region Organizations is called in for `partition` (`us-east-1` for names it does not know). */
export function organizationsRegionOf(partition: string): string {
  const known = Object.entries(ORGANIZATIONS_REGIONS).find(([name]) => name === partition);
  return known?.[1] ?? ORGANIZATIONS_REGIONS.aws;
}

/** An account as Organizations lists it, validated at the boundary. */
export interface OrgAccount {
  id: string;
  name: string;
  /** `State` (ACTIVE, SUSPENDED, PENDING_CLOSURE, PENDING_ACTIVATION, CLOSED), else `Status`. */
  state: string;
}

export interface OrgUnit {
  id: string;
  name: string;
}

const accountSchema = z
  .looseObject({
    Id: z.string().regex(/^\d{12}$/),
    Name: z.string().optional(),
    Status: z.string().optional(),
    State: z.string().optional(),
  })
  .transform((a): OrgAccount => ({
    id: a.Id,
    name: a.Name ?? "",
    state: a.State ?? a.Status ?? "UNKNOWN",
  }));
const unitSchema = z
  .looseObject({ Id: z.string().min(1), Name: z.string().optional() })
  .transform((u): OrgUnit => ({ id: u.Id, name: u.Name ?? "" }));
const tagSchema = z.looseObject({ Key: z.string(), Value: z.string().optional() });

/** The read-only Organizations calls kms-drift makes, each followed to its last page. */
export interface OrganizationsReader {
  describeOrganization(): Promise<{ id: string; managementAccount: string }>;
  listAccounts(): Promise<OrgAccount[]>;
  listRoots(): Promise<OrgUnit[]>;
  listUnits(parentId: string): Promise<OrgUnit[]>;
  listAccountsIn(parentId: string): Promise<OrgAccount[]>;
  listTags(accountId: string): Promise<Record<string, string>>;
  close(): void;
}

export interface OrganizationsReaderOptions {
  credentials: AwsCredentialIdentityProvider;
  partition: string;
  endpoint?: string;
  signal?: AbortSignal;
}

/**
 * Organizations answers "fewer results than the maximum", even none, with a NextToken while more
 * remain (docs/aws-facts.md#organizations): every listing follows NextToken to its end, whatever
 * the page held.
 */
export function createOrganizationsReader(
  options: OrganizationsReaderOptions,
): OrganizationsReader {
  const client = new OrganizationsClient({
    region: organizationsRegionOf(options.partition),
    credentials: options.credentials,
    retryStrategy: new KmsDriftRetryStrategy(),
    ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
  });
  const send = { abortSignal: options.signal };
  const parse = <T>(schema: z.ZodType<T>, items: unknown[] | undefined): T[] =>
    z.array(schema).parse(items ?? []);

  return {
    async describeOrganization() {
      const out = await client.send(new DescribeOrganizationCommand({}), send);
      const org = z
        .looseObject({ Id: z.string(), MasterAccountId: z.string() })
        .parse(out.Organization);
      return { id: org.Id, managementAccount: org.MasterAccountId };
    },
    listAccounts: () =>
      collectPages(async (token) => {
        const out = await client.send(new ListAccountsCommand({ NextToken: token }), send);
        return { items: parse(accountSchema, out.Accounts), nextMarker: out.NextToken };
      }),
    listRoots: () =>
      collectPages(async (token) => {
        const out = await client.send(new ListRootsCommand({ NextToken: token }), send);
        return { items: parse(unitSchema, out.Roots), nextMarker: out.NextToken };
      }),
    listUnits: (parentId) =>
      collectPages(async (token) => {
        const out = await client.send(
          new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken: token }),
          send,
        );
        return { items: parse(unitSchema, out.OrganizationalUnits), nextMarker: out.NextToken };
      }),
    listAccountsIn: (parentId) =>
      collectPages(async (token) => {
        const out = await client.send(
          new ListAccountsForParentCommand({ ParentId: parentId, NextToken: token }),
          send,
        );
        return { items: parse(accountSchema, out.Accounts), nextMarker: out.NextToken };
      }),
    async listTags(accountId) {
      const tags = await collectPages(async (token) => {
        const out = await client.send(
          new ListTagsForResourceCommand({ ResourceId: accountId, NextToken: token }),
          send,
        );
        return { items: parse(tagSchema, out.Tags), nextMarker: out.NextToken };
      });
      return Object.fromEntries(tags.map((t) => [t.Key, t.Value ?? ""]));
    },
    close: () => client.destroy(),
  };
}
