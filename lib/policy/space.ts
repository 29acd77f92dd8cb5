import { availability, type Availability } from "./condition-keys";
import type { CompiledClause, CompiledPolicy, PrincipalEntry } from "./compile";
import type { RequestPrincipal } from "./principals";
import {
  ANY_STRING,
  BudgetExceeded,
  digitsDomain,
  iamNameDomain,
  parseValue,
  type Pattern,
  SERVICE_DOMAIN,
  stringAtoms,
} from "./string-match";
import { formatIp, type IpRange } from "./values";

/** A construct the partition cannot cover exactly: the comparison becomes `undecidable`. */
export class Undecidable extends Error {}

const eq = (text: string): Pattern => parseValue(text, { wildcards: false, ci: false });

function withBudget<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof BudgetExceeded) throw new Undecidable(e.message);
    throw e;
  }
}

const PRINCIPAL_ARN_KEYS = new Set(["aws:principalarn"]);
const ACCOUNT_KEYS = new Set(["aws:principalaccount", "kms:calleraccount"]);

/** Split a pattern on its literal colons: exact for principal ARNs when there are exactly five. */
function arnComponents(p: Pattern): Pattern[] | null {
  const parts: Pattern[] = [[]];
  for (const item of p) {
    if (item.t === "lit" && item.c === ":") parts.push([]);
    else (parts[parts.length - 1] as Pattern[number][]).push(item);
  }
  return parts.length === 6 ? parts : null;
}

/**
 * Principal classes: every combination of outcomes the constants of both policies can tell apart,
 * each as one concrete principal. Accounts, IAM names, session names and service names are cut into
 * atoms separately; a principal-ARN pattern with its five colons splits exactly into an account part
 * and a name part, since principal ARNs have five colons and IAM names none.
 */
export function principalClasses(policies: readonly CompiledPolicy[]): RequestPrincipal[] {
  const accounts: Pattern[] = [];
  const resources: Pattern[] = [];
  const sessions: Pattern[] = [];
  const services: Pattern[] = [];
  const named: { account: string; resource: string }[] = [];
  const addEntry = (e: PrincipalEntry): void => {
    switch (e.t) {
      case "account":
        accounts.push(eq(e.account));
        break;
      case "iam": {
        accounts.push(eq(e.account));
        resources.push(eq(e.resource));
        named.push({ account: e.account, resource: e.resource });
        break;
      }
      case "session":
        accounts.push(eq(e.account));
        resources.push(
          eq(`role/${e.roleName}`),
          parseValue(`role/*/${e.roleName}`, { wildcards: true, ci: false }),
        );
        sessions.push(eq(e.session));
        break;
      case "service":
        services.push(eq(e.name));
        break;
      default:
        break;
    }
  };
  const addClause = (c: CompiledClause): void => {
    if (c.op.family !== "String" && c.op.family !== "Arn") return;
    if (ACCOUNT_KEYS.has(c.key)) accounts.push(...c.patterns);
    else if (c.key === "aws:principalservicename") services.push(...c.patterns);
    else if (PRINCIPAL_ARN_KEYS.has(c.key)) {
      for (const p of c.patterns) {
        if (p.every((i) => i.t === "star")) continue;
        const colons = p.filter((i) => i.t === "lit" && i.c === ":").length;
        if (colons > 5) continue;
        const parts = arnComponents(p);
        if (!parts)
          throw new Undecidable(
            `aws:PrincipalArn pattern ${c.values.join(", ")} spans ARN components`,
          );
        accounts.push(parts[4] as Pattern);
        resources.push(parts[5] as Pattern);
      }
    }
  };
  for (const policy of policies) {
    accounts.push(eq(policy.place.account));
    for (const s of policy.statements) {
      s.principal.entries.forEach(addEntry);
      s.clauses.forEach(addClause);
    }
  }
  return withBudget(() => {
    const out: RequestPrincipal[] = [];
    const accountIds = stringAtoms(accounts, digitsDomain(12));
    // IAM user and role names are unique in an account whatever the path, and a key policy can only
    // name principals that exist: another path for a named user's or role's name is no principal.
    const clashes = (account: string, resource: string): boolean =>
      named.some(
        (n) =>
          n.account === account &&
          n.resource !== resource &&
          n.resource.slice(0, n.resource.indexOf("/")) ===
            resource.slice(0, resource.indexOf("/")) &&
          n.resource.slice(n.resource.lastIndexOf("/")) ===
            resource.slice(resource.lastIndexOf("/")),
      );
    // Patterns that single out another path for a named name are needed only when a witness
    // could be one: cut without them, and again with them if some witness clashes.
    const clashPatterns = named.flatMap((n) => {
      const kind = n.resource.slice(0, n.resource.indexOf("/"));
      const name = n.resource.slice(n.resource.lastIndexOf("/") + 1);
      return [
        parseValue(`${kind}/*/${name}`, { wildcards: true, ci: false }),
        eq(`${kind}/${name}`),
      ];
    });
    const namesOf = (prefix: string): string[] => {
      const domain = iamNameDomain(prefix, true);
      const plain = stringAtoms(resources, domain);
      if (!accountIds.some((account) => plain.some((r) => clashes(account, r)))) return plain;
      return stringAtoms([...resources, ...clashPatterns], domain);
    };
    const users = namesOf("user/");
    const roles = namesOf("role/");
    const feds = stringAtoms(resources, iamNameDomain("federated-user/", false));
    const sessionNames = stringAtoms(sessions, iamNameDomain("", false));
    for (const account of accountIds) {
      out.push({ kind: "root", account, resource: "root" });
      for (const resource of users)
        if (!clashes(account, resource)) out.push({ kind: "user", account, resource });
      for (const resource of roles) {
        if (clashes(account, resource)) continue;
        for (const session of sessionNames)
          out.push({ kind: "role-session", account, resource, session });
      }
      for (const resource of feds) out.push({ kind: "federated-user", account, resource });
    }
    for (const service of stringAtoms(services, SERVICE_DOMAIN))
      out.push({ kind: "service", service });
    if (out.length > 2000)
      throw new Undecidable(`${out.length} principal classes exceed the budget`);
    return out;
  });
}

/** One value a free key can take in a cell: absent, one value, or a set. */
export type KeyOption = null | string | string[];

function numericWitnesses(values: number[], integral: boolean): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length === 0) return [integral ? 0 : 1];
  const out: number[] = [(sorted[0] as number) - 1];
  sorted.forEach((v, i) => {
    out.push(v);
    const next = sorted[i + 1];
    if (next === undefined) out.push(v + 1);
    else if (!integral) out.push((v + next) / 2);
    else if (next - v >= 2) out.push(v + 1);
  });
  return out;
}

function ipWitnesses(ranges: IpRange[]): string[] {
  const out: string[] = [];
  for (const v6 of [false, true]) {
    const max = v6 ? (1n << 128n) - 1n : (1n << 32n) - 1n;
    const cuts = new Set<bigint>([0n]);
    for (const r of ranges.filter((x) => x.v6 === v6)) {
      cuts.add(r.lo);
      if (r.hi < max) cuts.add(r.hi + 1n);
    }
    // Each cut starts an interval no range boundary splits; its first address stands for it.
    for (const c of [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
      out.push(formatIp(c, v6));
  }
  return out;
}

/** Witness values of a single-valued key: one per atom of the values its clauses can tell apart. */
function valueWitnesses(clauses: readonly CompiledClause[]): string[] {
  const families = new Set(
    clauses.map((c) =>
      c.op.family === "Arn" || c.op.family === "Binary" ? "String" : c.op.family,
    ),
  );
  families.delete("Null");
  if (families.size > 1) {
    throw new Undecidable(
      `condition key ${clauses[0]?.name} compared as ${[...families].join(" and ")}`,
    );
  }
  const family = [...families][0];
  switch (family) {
    case undefined:
      return ["x"];
    case "String":
      return withBudget(() =>
        stringAtoms(
          clauses.flatMap((c) => c.patterns),
          ANY_STRING,
        ),
      );
    case "Numeric":
      return numericWitnesses(
        clauses.flatMap((c) => c.numbers),
        false,
      ).map(String);
    case "Date":
      return numericWitnesses(
        clauses.flatMap((c) => c.numbers),
        true,
      ).map((ms) => new Date(ms).toISOString());
    case "Bool":
      return ["true", "false"];
    case "Ip":
      return ipWitnesses(clauses.flatMap((c) => c.ranges));
    default:
      throw new Undecidable(`condition family ${family}`);
  }
}

const MAX_SET_ATOMS = 6;

/** Every value a free key can take that the clauses can tell apart, absence included. */
export function keyOptions(
  clauses: readonly CompiledClause[],
  a: Availability & { kind: "free" },
): KeyOption[] {
  const witnesses = valueWitnesses(clauses);
  const out: KeyOption[] = a.mayBeAbsent ? [null] : [];
  if (a.multi) {
    if (witnesses.length > MAX_SET_ATOMS) {
      throw new Undecidable(
        `${witnesses.length} value classes of multivalued key ${clauses[0]?.name} exceed the budget`,
      );
    }
    for (let mask = 0; mask < 1 << witnesses.length; mask++) {
      out.push(witnesses.filter((_, i) => (mask & (1 << i)) !== 0));
    }
  } else if (clauses.some((c) => c.op.set !== null)) out.push(...witnesses.map((w) => [w]));
  else out.push(...witnesses);
  return out;
}

export function availabilityFor(
  policy: CompiledPolicy,
  key: string,
  action: string,
  p: RequestPrincipal,
): Availability {
  return availability(key, action, p, policy.place);
}
