import type { SandboxApi, WorldManifest, WorldOptions } from "../types";
import { defineAssumedRole, defineUser, registerActor, type Actor } from "./actors";
import { listDriftableRegions, type Family, type FamilySpec } from "./family";
import { pickRegions, planFamily } from "./family-specs";
import { ALIAS_FAMILY_NAMES, MULTI_REGION_NAMES } from "./names";
import {
  ORG_AUDIT_ROLE,
  ORG_DELEGATED_ADMIN_ACCOUNT,
  ORG_MANAGEMENT_ACCOUNT,
  planOrganization,
  type PlannedAccount,
} from "./org-plan";
import type { Random } from "./random";
import { ENABLED_REGIONS, NOT_ENABLED_REGIONS } from "./regions";
import { plantInRotation, type DriftActors } from "./rotating-planters";
import { beginWorld, createFamiliesOverWindow, dayOf, plantDriftsThenReads } from "./setup";
import { buildManifest, tallyGeneratedEstate } from "./world-result";

const DEFAULT_MEMBERS = 12;
const DEFAULT_KEYS_PER_ACCOUNT = 12;
/** One family in this many (of an account kms-drift can reach) carries a drift. */
const DRIFT_EVERY = 8;
const DELEGATED_AUDITOR_KEY = "AKIAORGDELEGATEDAUD1";
const MEMBER_AUDITOR_KEY = "AKIAORGMEMBERAUDIT01";

interface AccountCast extends DriftActors {
  terraform: Actor;
}

function castFor(account: string): AccountCast {
  return {
    terraform: defineAssumedRole(account, "terraform-ci", "github-actions", `ASIA${account}TF`),
    alice: defineUser(account, "alice", `AKIA${account}AL`),
    bob: defineUser(account, "bob", `AKIA${account}BO`),
    mallory: defineUser(account, "mallory", `AKIA${account}MA`),
  };
}

/** An account's families until `keys` customer keys, in 2–3 home Regions; 60 % multi-Region. */
function planAccountFamilies(
  random: Random,
  account: string,
  creator: Actor,
  keys: number,
): FamilySpec[] {
  const home = pickRegions(random, ENABLED_REGIONS, 3, random.pick(["us-east-1", "eu-west-1"]));
  const specs: FamilySpec[] = [];
  for (let n = 0, remaining = keys; remaining > 0; n++) {
    const size = Math.min(remaining, random.int(1, home.length));
    const kind = size > 1 && random.chance(0.4) ? "alias" : "multi-region";
    const base =
      kind === "multi-region" ? random.pick(MULTI_REGION_NAMES) : random.pick(ALIAS_FAMILY_NAMES);
    specs.push(
      planFamily(random, {
        account,
        kind,
        name: `${base}-${n.toString().padStart(4, "0")}`,
        regions: pickRegions(random, home, size, home[0]),
        creator,
        policy: { logs: random.chance(0.3), s3: random.chance(0.3) },
        grantShare: 0.1,
      }),
    );
    remaining -= size;
  }
  return specs;
}

function isAuditable(account: PlannedAccount): boolean {
  return account.hasRole && account.definition.state === "ACTIVE";
}

/**
 * An AWS Organization: `accounts` member accounts (default 12) under a management account and a
 * delegated administrator, in nested OUs, with tags; some SUSPENDED or PENDING_CLOSURE, some
 * without the `kms-drift-audit` role; each active account with `keysPerAccount` customer keys in
 * families over a few Regions, and drifts planted across the accounts kms-drift can reach.
 */
export function buildOrgWorld(api: SandboxApi, options: WorldOptions): WorldManifest {
  const { random, start, w, cast } = beginWorld(api, options);
  const plan = planOrganization(random, {
    members: options.accounts ?? DEFAULT_MEMBERS,
    keysPerAccount: options.keysPerAccount ?? DEFAULT_KEYS_PER_ACCOUNT,
    anchor: options.anchor,
  });
  api.defineOrganization(plan.definition);
  const trusted = [ORG_MANAGEMENT_ACCOUNT, ORG_DELEGATED_ADMIN_ACCOUNT];
  for (const account of plan.accounts.filter(isAuditable)) {
    const id = account.definition.id;
    api.defineRole({ arn: roleArnOf(id), account: id, trustedAccounts: trusted });
  }
  const delegatedAuditor = defineUser(
    ORG_DELEGATED_ADMIN_ACCOUNT,
    "auditor",
    DELEGATED_AUDITOR_KEY,
  );
  const plainMember = plan.accounts.slice(2).find(isAuditable);
  const memberAuditor = plainMember
    ? defineUser(plainMember.definition.id, "auditor", MEMBER_AUDITOR_KEY)
    : undefined;
  for (const actor of [delegatedAuditor, memberAuditor]) if (actor) registerActor(api, actor);

  const casts = new Map<string, AccountCast>();
  const specs = plan.accounts.flatMap((account) => {
    if (account.keys === 0) return [];
    const accountCast = castFor(account.definition.id);
    casts.set(account.definition.id, accountCast);
    return planAccountFamilies(random, account.definition.id, accountCast.terraform, account.keys);
  });
  const families = [
    ...createFamiliesOverWindow(w, specs, dayOf(start, 0.1), dayOf(start, 20)).values(),
  ];

  const auditable = new Set(plan.accounts.filter(isAuditable).map((a) => a.definition.id));
  const targets = families.filter(
    (f, i) =>
      i % DRIFT_EVERY === DRIFT_EVERY - 1 && f.members.length > 1 && auditable.has(f.spec.account),
  );
  const steps = targets.map((family: Family, i) => () => {
    const actors = casts.get(family.spec.account);
    if (!actors) throw new Error(`org world: no cast for ${family.spec.account}`);
    return plantInRotation(w, family, random.pick(listDriftableRegions(family)), actors, i);
  });
  const { drifts, readEvents } = plantDriftsThenReads(w, start, families, steps, options);

  return {
    ...buildManifest(
      {
        world: "org",
        seed: options.seed,
        anchor: options.anchor.toISOString(),
        accounts: [
          {
            id: ORG_MANAGEMENT_ACCOUNT,
            accessKeyId: cast.auditor.accessKeyId,
            note: "the management account's auditor",
          },
          {
            id: ORG_DELEGATED_ADMIN_ACCOUNT,
            accessKeyId: delegatedAuditor.accessKeyId,
            note: "an auditor in the delegated administrator account",
          },
          ...(memberAuditor
            ? [
                {
                  id: memberAuditor.account,
                  accessKeyId: memberAuditor.accessKeyId,
                  roleArn: roleArnOf(memberAuditor.account),
                  note: "an auditor in a plain member account (Organizations refuses it)",
                },
              ]
            : []),
        ],
        enabledRegions: [...ENABLED_REGIONS],
        notEnabledRegions: [...NOT_ENABLED_REGIONS],
      },
      tallyGeneratedEstate(families, drifts, w.callCount, readEvents),
    ),
    organization: {
      id: plan.definition.id,
      rootId: plan.definition.root.id,
      managementAccount: ORG_MANAGEMENT_ACCOUNT,
      delegatedAdministrators: [ORG_DELEGATED_ADMIN_ACCOUNT],
      auditRoleName: ORG_AUDIT_ROLE,
      units: plan.definition.units.map(({ id, name, parentId }) => ({ id, name, parentId })),
      accounts: plan.accounts.map((a) => ({
        id: a.definition.id,
        name: a.definition.name,
        parentId: a.definition.parentId,
        state: a.definition.state,
        hasRole: a.hasRole,
        keys: a.keys,
        tags: a.definition.tags,
      })),
    },
  };
}

function roleArnOf(account: string): string {
  return `arn:aws:iam::${account}:role/${ORG_AUDIT_ROLE}`;
}
