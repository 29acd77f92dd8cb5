import {
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  paginateListAccounts,
  type Account,
} from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxServer } from "../server";
import { catchError, startTestSandbox } from "../testing/clients";
import { createTestOrganization, TEST_ORG, TEST_ORG_KEYS } from "../testing/organization";

let sb: SandboxServer;
const definition = createTestOrganization(40);

function client(accessKeyId: keyof typeof TEST_ORG_KEYS, region = "us-east-1") {
  return new OrganizationsClient({
    endpoint: sb.url,
    region,
    credentials: { accessKeyId, secretAccessKey: "sandbox-secret" },
    maxAttempts: 1,
  });
}

beforeAll(async () => {
  sb = await startTestSandbox({ accountMap: { ...TEST_ORG_KEYS } });
  sb.sandbox.defineOrganization(definition);
});
afterAll(async () => {
  await sb.close();
});

async function listAllAccounts(accessKeyId: keyof typeof TEST_ORG_KEYS): Promise<Account[]> {
  const accounts: Account[] = [];
  for await (const page of paginateListAccounts({ client: client(accessKeyId) }, {}))
    accounts.push(...(page.Accounts ?? []));
  return accounts;
}

describe("the sandbox's Organizations API over the SDK", () => {
  it("lists every account once, in join order, with the Account fields AWS returns", async () => {
    const accounts = await listAllAccounts("AKIAORGMANAGEMENT");
    expect(accounts.map((a) => a.Id)).toEqual(definition.accounts.map((a) => a.id));
    const member = accounts.find((a) => a.Id === TEST_ORG.member);
    expect(member).toEqual({
      Id: TEST_ORG.member,
      Arn: `arn:aws:organizations::${TEST_ORG.management}:account/o-abcdefghij/${TEST_ORG.member}`,
      Email: "aws+payments-prod@example.com",
      Name: "payments-prod",
      Status: "ACTIVE",
      State: "ACTIVE",
      JoinedMethod: "CREATED",
      JoinedTimestamp: new Date(Date.UTC(2024, 0, 1, 12, 0, 2, 250)),
    });
    expect(accounts.filter((a) => a.State === "SUSPENDED").map((a) => a.Status)).toEqual([
      "SUSPENDED",
      "SUSPENDED",
      "SUSPENDED",
      "SUSPENDED",
    ]);
  });

  it("answers short pages and an empty page with a NextToken, as AWS may", async () => {
    const sizes: number[] = [];
    let token: string | undefined;
    do {
      const page = await client("AKIAORGMANAGEMENT").send(
        new ListAccountsCommand({ MaxResults: 20, NextToken: token }),
      );
      sizes.push(page.Accounts?.length ?? 0);
      token = page.NextToken;
    } while (token !== undefined);
    // 43 accounts: never more than 20, never across a 17-item shard, an empty page after the second.
    expect(sizes).toEqual([17, 17, 0, 9]);
  });

  it("refuses MaxResults outside 1–20 and a NextToken it did not issue for this listing", async () => {
    const org = client("AKIAORGMANAGEMENT");
    const tooMany = await catchError(org.send(new ListAccountsCommand({ MaxResults: 21 })));
    expect([tooMany.name, Reflect.get(tooMany, "Reason"), tooMany.message]).toEqual([
      "InvalidInputException",
      "MAX_VALUE_EXCEEDED",
      "You provided a numeric parameter that has a larger value than allowed.",
    ]);
    const none = await catchError(org.send(new ListAccountsCommand({ MaxResults: 0 })));
    expect(Reflect.get(none, "Reason")).toBe("MIN_VALUE_EXCEEDED");
    const forged = await catchError(org.send(new ListAccountsCommand({ NextToken: "abc" })));
    expect([forged.name, Reflect.get(forged, "Reason")]).toEqual([
      "InvalidInputException",
      "INVALID_NEXT_TOKEN",
    ]);
    const first = await org.send(
      new ListAccountsForParentCommand({ ParentId: TEST_ORG.prod, MaxResults: 2 }),
    );
    const elsewhere = await catchError(
      org.send(
        new ListAccountsForParentCommand({
          ParentId: TEST_ORG.sandboxOu,
          NextToken: first.NextToken,
        }),
      ),
    );
    expect(Reflect.get(elsewhere, "Reason")).toBe("INVALID_NEXT_TOKEN");
  });

  it("walks the tree: roots, OUs per parent, accounts per parent, parents", async () => {
    const org = client("AKIAORGMANAGEMENT");
    const roots = await org.send(new ListRootsCommand({}));
    expect(roots.Roots?.map((r) => [r.Id, r.Name, r.Arn])).toEqual([
      [
        TEST_ORG.root,
        "Root",
        `arn:aws:organizations::${TEST_ORG.management}:root/o-abcdefghij/r-ab12`,
      ],
    ]);
    const top = await org.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: TEST_ORG.root }),
    );
    expect(top.OrganizationalUnits?.map((u) => u.Name)).toEqual(["Workloads", "Sandbox"]);
    const nested = await org.send(
      new ListOrganizationalUnitsForParentCommand({ ParentId: TEST_ORG.workloads }),
    );
    expect(nested.OrganizationalUnits?.map((u) => u.Id)).toEqual([TEST_ORG.prod]);
    const inRoot = await org.send(new ListAccountsForParentCommand({ ParentId: TEST_ORG.root }));
    expect(inRoot.Accounts?.map((a) => a.Id)).toEqual([TEST_ORG.management]);
    const parents = await org.send(new ListParentsCommand({ ChildId: TEST_ORG.member }));
    expect(parents.Parents).toEqual([{ Id: TEST_ORG.prod, Type: "ORGANIZATIONAL_UNIT" }]);
    const missing = await catchError(
      org.send(new ListAccountsForParentCommand({ ParentId: "ou-ab12-zzzzzzzz" })),
    );
    expect([missing.name, missing.message]).toEqual([
      "ParentNotFoundException",
      "We can't find a root or OU with the ParentId that you specified.",
    ]);
    const garbled = await catchError(
      org.send(new ListOrganizationalUnitsForParentCommand({ ParentId: "Prod" })),
    );
    expect([garbled.name, Reflect.get(garbled, "Reason")]).toEqual([
      "InvalidInputException",
      "INVALID_PATTERN",
    ]);
  });

  it("describes accounts and lists their tags", async () => {
    const org = client("AKIAORGMANAGEMENT");
    const described = await org.send(new DescribeAccountCommand({ AccountId: TEST_ORG.member }));
    expect(described.Account?.Name).toBe("payments-prod");
    const tags = await org.send(new ListTagsForResourceCommand({ ResourceId: TEST_ORG.member }));
    expect(tags.Tags).toEqual([
      { Key: "env", Value: "prod" },
      { Key: "team", Value: "payments" },
    ]);
    const unknown = await catchError(
      org.send(new DescribeAccountCommand({ AccountId: "123412341234" })),
    );
    expect([unknown.name, unknown.message]).toEqual([
      "AccountNotFoundException",
      "You specified an account that doesn't exist.",
    ]);
    const noTarget = await catchError(
      org.send(new ListTagsForResourceCommand({ ResourceId: "123412341234" })),
    );
    expect(noTarget.name).toBe("TargetNotFoundException");
  });

  it("lets a delegated administrator read, a plain member only describe the organization", async () => {
    expect((await listAllAccounts("AKIAORGDELEGATED")).length).toBe(definition.accounts.length);
    const member = client("AKIAORGMEMBER");
    const org = await member.send(new DescribeOrganizationCommand({}));
    expect(org.Organization).toMatchObject({
      Id: "o-abcdefghij",
      MasterAccountId: TEST_ORG.management,
      FeatureSet: "ALL",
    });
    for (const command of [
      new ListAccountsCommand({}),
      new ListRootsCommand({}),
      new ListTagsForResourceCommand({ ResourceId: TEST_ORG.member }),
    ]) {
      const denied = await catchError(member.send(command as ListAccountsCommand));
      expect([denied.name, denied.message, denied.$metadata?.httpStatusCode]).toEqual([
        "AccessDeniedException",
        "You don't have permissions to access this resource.",
        400,
      ]);
    }
  });

  it("answers AWSOrganizationsNotInUseException to an account in no organization", async () => {
    const outsider = client("AKIAORGOUTSIDER");
    for (const command of [new DescribeOrganizationCommand({}), new ListAccountsCommand({})]) {
      const error = await catchError(outsider.send(command as ListAccountsCommand));
      expect([error.name, error.message]).toEqual([
        "AWSOrganizationsNotInUseException",
        "Your account is not a member of an organization.",
      ]);
    }
  });

  it("serves only the global endpoint's Region, us-east-1", async () => {
    const error = await catchError(
      client("AKIAORGMANAGEMENT", "eu-west-1").send(new ListRootsCommand({})),
    );
    expect([error.name, error.message]).toEqual([
      "InvalidSignatureException",
      "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    ]);
  });
});
