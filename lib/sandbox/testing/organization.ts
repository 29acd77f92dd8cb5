import type { OrganizationDefinition, OrgAccountDefinition } from "../organizations/model";
import { startSandboxServer, type SandboxServer, type SandboxServerOptions } from "../server";
import type { OrganizationManifest } from "../types";

export const TEST_ORG = {
  management: "111122223333",
  delegated: "222233334444",
  member: "333344445555",
  outsider: "999988887777",
  root: "r-ab12",
  workloads: "ou-ab12-aaaaaaaa",
  prod: "ou-ab12-bbbbbbbb",
  sandboxOu: "ou-ab12-cccccccc",
} as const;

/** Access key ids the test sandbox maps to the organization's accounts (and one outside it). */
export const TEST_ORG_KEYS = {
  AKIAORGMANAGEMENT: TEST_ORG.management,
  AKIAORGDELEGATED: TEST_ORG.delegated,
  AKIAORGMEMBER: TEST_ORG.member,
  AKIAORGOUTSIDER: TEST_ORG.outsider,
} as const;

function account(
  id: string,
  name: string,
  parentId: string,
  joinedAt: Date,
  extra: Partial<OrgAccountDefinition> = {},
): OrgAccountDefinition {
  return {
    id,
    name,
    email: `aws+${name}@example.com`,
    state: "ACTIVE",
    joinedMethod: "CREATED",
    joinedAt,
    parentId,
    tags: {},
    ...extra,
  };
}

/**
 * A small organization for the Organizations API tests: root → Workloads → Prod, root → Sandbox;
 * `members` extra accounts spread over Prod and Sandbox (more than one page of ListAccounts).
 */
export function createTestOrganization(members = 40): OrganizationDefinition {
  const joined = (i: number) => new Date(Date.UTC(2024, 0, 1, 12, 0, i, 250));
  const accounts = [
    account(TEST_ORG.management, "management", TEST_ORG.root, joined(0), {
      joinedMethod: "INVITED",
    }),
    account(TEST_ORG.delegated, "security-tooling", TEST_ORG.workloads, joined(1), {
      tags: { team: "security" },
    }),
    account(TEST_ORG.member, "payments-prod", TEST_ORG.prod, joined(2), {
      tags: { env: "prod", team: "payments" },
    }),
  ];
  for (let i = 0; i < members; i++) {
    const id = String(500000000000 + i);
    const parent = i % 2 === 0 ? TEST_ORG.prod : TEST_ORG.sandboxOu;
    accounts.push(
      account(id, `member-${i}`, parent, joined(10 + i), {
        ...(i % 10 === 9 ? { state: "SUSPENDED" as const } : {}),
      }),
    );
  }
  return {
    id: "o-abcdefghij",
    managementAccountId: TEST_ORG.management,
    delegatedAdministrators: [TEST_ORG.delegated],
    root: { id: TEST_ORG.root, name: "Root" },
    units: [
      { id: TEST_ORG.workloads, name: "Workloads", parentId: TEST_ORG.root, tags: {} },
      { id: TEST_ORG.prod, name: "Prod", parentId: TEST_ORG.workloads, tags: { tier: "1" } },
      { id: TEST_ORG.sandboxOu, name: "Sandbox", parentId: TEST_ORG.root, tags: {} },
    ],
    accounts,
  };
}

/** An org-world sandbox on a free port, with the Organization its manifest says it planted. */
export async function startOrgSandbox(
  options: Omit<Partial<SandboxServerOptions>, "world">,
): Promise<{ server: SandboxServer; org: OrganizationManifest }> {
  const server = await startSandboxServer({ port: 0, world: "org", seed: 1, ...options });
  const org = server.manifest.organization;
  if (!org) {
    await server.close();
    throw new Error("the org world planted no organization");
  }
  return { server, org };
}
