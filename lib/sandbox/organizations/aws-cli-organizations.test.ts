import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SandboxServer } from "../server";
import { createAwsCli, type AwsCli } from "../testing/aws-cli";
import { startTestSandbox } from "../testing/clients";
import { createTestOrganization, TEST_ORG, TEST_ORG_KEYS } from "../testing/organization";

const accountsPage = z.object({
  Accounts: z.array(z.object({ Id: z.string(), State: z.string().optional() })),
  NextToken: z.string().optional(),
});
const unitsPage = z.object({
  OrganizationalUnits: z.array(z.object({ Id: z.string(), Name: z.string() })),
});

let sb: SandboxServer;
let management: AwsCli;
let member: AwsCli;
const definition = createTestOrganization(40);

beforeAll(async () => {
  sb = await startTestSandbox({ accountMap: { ...TEST_ORG_KEYS } });
  sb.sandbox.defineOrganization(definition);
  management = createAwsCli(sb.url, "AKIAORGMANAGEMENT");
  member = createAwsCli(sb.url, "AKIAORGMEMBER");
});
afterAll(async () => {
  await sb.close();
  management.dispose();
  member.dispose();
});

const org = (args: string[]) => management.run("us-east-1", ["organizations", ...args]);

describe("Debian's AWS CLI against the sandbox's Organizations API", () => {
  it(
    "list-accounts follows short and empty pages; --max-items and --starting-token resume",
    { timeout: 60_000 },
    async () => {
      const all = accountsPage.parse(JSON.parse(await org(["list-accounts", "--page-size", "5"])));
      expect(all.Accounts.map((a) => a.Id)).toEqual(definition.accounts.map((a) => a.id));
      expect(all.NextToken).toBeUndefined();

      const first = accountsPage.parse(
        JSON.parse(await org(["list-accounts", "--max-items", "7"])),
      );
      expect(first.Accounts.map((a) => a.Id)).toEqual(
        definition.accounts.slice(0, 7).map((a) => a.id),
      );
      expect(first.NextToken).toEqual(expect.any(String));
      const rest = accountsPage.parse(
        JSON.parse(
          await org([
            "list-accounts",
            "--starting-token",
            first.NextToken ?? "",
            "--max-items",
            "100",
          ]),
        ),
      );
      expect(rest.Accounts.map((a) => a.Id)).toEqual(definition.accounts.slice(7).map((a) => a.id));
    },
  );

  it("list-roots and list-organizational-units-for-parent walk the nested OUs page by page", async () => {
    const roots = z
      .object({ Roots: z.array(z.object({ Id: z.string(), Name: z.string() })) })
      .parse(JSON.parse(await org(["list-roots"])));
    expect(roots.Roots).toEqual([expect.objectContaining({ Id: TEST_ORG.root, Name: "Root" })]);
    const top = unitsPage.parse(
      JSON.parse(
        await org([
          "list-organizational-units-for-parent",
          "--parent-id",
          TEST_ORG.root,
          "--page-size",
          "1",
        ]),
      ),
    );
    expect(top.OrganizationalUnits.map((u) => u.Name)).toEqual(["Workloads", "Sandbox"]);
    const nested = unitsPage.parse(
      JSON.parse(
        await org(["list-organizational-units-for-parent", "--parent-id", TEST_ORG.workloads]),
      ),
    );
    expect(nested.OrganizationalUnits).toEqual([expect.objectContaining({ Id: TEST_ORG.prod })]);
    const inProd = accountsPage.parse(
      JSON.parse(
        await org(["list-accounts-for-parent", "--parent-id", TEST_ORG.prod, "--page-size", "3"]),
      ),
    );
    expect(inProd.Accounts.map((a) => a.Id)).toEqual(
      definition.accounts.filter((a) => a.parentId === TEST_ORG.prod).map((a) => a.id),
    );
  }, 60_000);

  it("a member that is not a delegated administrator is refused", async () => {
    await expect(member.run("us-east-1", ["organizations", "list-accounts"])).rejects.toThrow(
      "An error occurred (AccessDeniedException) when calling the ListAccounts operation: You don't have permissions to access this resource.",
    );
  }, 60_000);
});
