import type {
  OrgAccountDefinition,
  OrganizationDefinition,
  OrgUnitDefinition,
} from "../organizations/model";
import { DEMO_ACCOUNT } from "./cast";
import { daysBefore } from "./clock";
import type { Random } from "./random";

export const ORG_MANAGEMENT_ACCOUNT = DEMO_ACCOUNT;
export const ORG_DELEGATED_ADMIN_ACCOUNT = "222233334444";
/** The role kms-drift assumes in every member account (absent where the plan says so). */
export const ORG_AUDIT_ROLE = "kms-drift-audit";

/** One account as the org world plans it: its place in the tree and whether it can be audited. */
export interface PlannedAccount {
  definition: OrgAccountDefinition;
  /** The audit role exists (trusting the management and delegated administrator accounts). */
  hasRole: boolean;
  /** Customer keys to create in it. */
  keys: number;
}

export interface OrgPlan {
  definition: OrganizationDefinition;
  accounts: PlannedAccount[];
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

function randomText(random: Random, alphabet: string, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += alphabet.charAt(random.int(0, alphabet.length - 1));
  return text;
}

interface UnitShape {
  key: string;
  name: string;
  parent: string;
  env: string;
}

// A small landing-zone tree (nested three deep), as AWS's multi-account guidance lays it out.
const UNITS: UnitShape[] = [
  { key: "security", name: "Security", parent: "root", env: "shared" },
  { key: "infrastructure", name: "Infrastructure", parent: "root", env: "shared" },
  { key: "workloads", name: "Workloads", parent: "root", env: "prod" },
  { key: "prod", name: "Prod", parent: "workloads", env: "prod" },
  { key: "payments", name: "Payments", parent: "prod", env: "prod" },
  { key: "data", name: "Data", parent: "prod", env: "prod" },
  { key: "staging", name: "Staging", parent: "workloads", env: "staging" },
  { key: "sandbox", name: "Sandbox", parent: "root", env: "sandbox" },
  { key: "suspended", name: "Suspended", parent: "root", env: "none" },
];
/** Where active member accounts go, in rotation. */
const MEMBER_HOMES = [
  "payments",
  "data",
  "prod",
  "staging",
  "sandbox",
  "infrastructure",
  "payments",
  "data",
];
const TEAMS = ["payments", "data", "platform", "identity", "growth", "ml", "sre"] as const;

/**
 * The organization of `members` member accounts: management account 111122223333 (the demo
 * auditor's), delegated administrator 222233334444 in Security, the rest spread over the OUs.
 * One member in 25 is SUSPENDED and one in 50 PENDING_CLOSURE (both moved to the Suspended OU, no
 * role, no keys); one active member in 20 lacks the audit role.
 */
export function planOrganization(
  random: Random,
  input: { members: number; keysPerAccount: number; anchor: Date },
): OrgPlan {
  const rootId = `r-${randomText(random, LOWER_ALNUM, 4)}`;
  const unitIds = new Map<string, string>([["root", rootId]]);
  const units: OrgUnitDefinition[] = UNITS.map((shape) => {
    const id = `ou-${rootId.slice(2)}-${randomText(random, LOWER_ALNUM, 8)}`;
    unitIds.set(shape.key, id);
    return { id, name: shape.name, parentId: unitIds.get(shape.parent) ?? rootId, tags: {} };
  });
  const unitOf = (key: string) => unitIds.get(key) ?? rootId;
  const envOf = (key: string) => UNITS.find((u) => u.key === key)?.env ?? "shared";

  const joinedAt = (daysAgo: number) => daysBefore(input.anchor, daysAgo);
  const accounts: PlannedAccount[] = [
    {
      definition: {
        id: ORG_MANAGEMENT_ACCOUNT,
        name: "management",
        email: "aws+management@example.com",
        state: "ACTIVE",
        joinedMethod: "INVITED",
        joinedAt: joinedAt(900),
        parentId: rootId,
        tags: { env: "shared", team: "cloud-platform" },
      },
      hasRole: true,
      keys: Math.max(1, Math.floor(input.keysPerAccount / 4)),
    },
    {
      definition: {
        id: ORG_DELEGATED_ADMIN_ACCOUNT,
        name: "security-tooling",
        email: "aws+security-tooling@example.com",
        state: "ACTIVE",
        joinedMethod: "CREATED",
        joinedAt: joinedAt(880),
        parentId: unitOf("security"),
        tags: { env: "shared", team: "security" },
      },
      hasRole: true,
      keys: input.keysPerAccount,
    },
  ];
  const used = new Set(accounts.map((a) => a.definition.id));
  for (let i = 0; i < input.members; i++) {
    let id: string;
    do id = `${random.int(3, 9)}${randomText(random, "0123456789", 11)}`;
    while (used.has(id));
    used.add(id);
    const state = i % 25 === 7 ? "SUSPENDED" : i % 50 === 23 ? "PENDING_CLOSURE" : "ACTIVE";
    const home =
      state === "ACTIVE" ? (MEMBER_HOMES[i % MEMBER_HOMES.length] ?? "sandbox") : "suspended";
    const team = home === "payments" || home === "data" ? home : random.pick(TEAMS);
    const env = state === "ACTIVE" ? envOf(home) : "none";
    const name = `${team}-${env}-${String(i).padStart(3, "0")}`;
    accounts.push({
      definition: {
        id,
        name,
        email: `aws+${name}@example.com`,
        state,
        joinedMethod: i % 9 === 0 ? "INVITED" : "CREATED",
        joinedAt: joinedAt(860 - Math.floor((i * 700) / Math.max(1, input.members))),
        parentId: unitOf(home),
        tags: { env, team, "cost-center": `cc-${1000 + (i % 37)}` },
      },
      hasRole: state === "ACTIVE" && i % 20 !== 11,
      keys: state === "ACTIVE" ? input.keysPerAccount : 0,
    });
  }
  return {
    definition: {
      id: `o-${randomText(random, LOWER_ALNUM, 10)}`,
      managementAccountId: ORG_MANAGEMENT_ACCOUNT,
      delegatedAdministrators: [ORG_DELEGATED_ADMIN_ACCOUNT],
      root: { id: rootId, name: "Root" },
      units,
      accounts: accounts.map((a) => a.definition),
    },
    accounts,
  };
}
