import type { PolicyDocument } from "../domain/key-record";
import { type CanonicalPolicy, normalizePolicyWithKeys } from "./normalize-policy";
import type { StatementDiff } from "../domain/policy-evidence";
import { diffStatements } from "./statement-diff";
import { type Availability, isMultiValued, PRINCIPAL_KEYS } from "./condition-keys";
import {
  type CompiledClause,
  type CompiledPolicy,
  type CompiledStatement,
  compilePolicy,
  type KeyPlace,
} from "./compile";
import {
  applicableStatements,
  type CallerIam,
  principalMatch,
  decide,
  type EvalRequest,
  type Evaluation,
  hitsFor,
  WORLDS,
} from "./evaluate";
import { KEY_POLICY_ACTIONS } from "./kms-facts";
import { callerArn, principalArn, type RequestPrincipal, roleName } from "./principals";
import type { DeltaEntry, SideExplanation, Verdict, WireRequest } from "../domain/policy-evidence";
import {
  availabilityFor,
  type KeyOption,
  keyOptions,
  principalClasses,
  Undecidable,
} from "./space";
import { concretize, displaySymbolic } from "./symbols";

export interface PolicySide {
  policy: PolicyDocument;
  place: KeyPlace;
}

export interface PolicyComparison {
  verdict: Verdict;
  /** Exactly the (principal class, action) pairs whose decision differs, each with a witness. */
  delta: DeltaEntry[];
  undecidable?: { reasons: string[] };
  /** How the statements read differently: explanation only, never the verdict. */
  statementDiff: StatementDiff;
  /** Size of the partition that was decided: principal classes, action groups, request cells. */
  stats: { principalClasses: number; actionGroups: number; cells: number };
}

/** Cells (concrete requests) one comparison may evaluate before it answers `undecidable`. */
const CELL_BUDGET = 200_000;

interface Found {
  ctx: Record<string, KeyOption>;
  callerIam: CallerIam;
  ref: Evaluation;
  act: Evaluation;
}

interface Group {
  actions: string[];
  refApp: ReturnType<typeof applicableStatements>;
  actApp: ReturnType<typeof applicableStatements>;
  keys: Map<string, { clauses: CompiledClause[]; avail: Availability; name: string }>;
}

type Applicable = ReturnType<typeof applicableStatements>;

function applicableFor(
  policy: CompiledPolicy,
  p: RequestPrincipal,
): (action: string) => Applicable {
  const matched: { statement: CompiledStatement; via: "direct" | "account" }[] = [];
  for (const statement of policy.statements) {
    if (statement.inert || !statement.resourceMatches) continue;
    const via = principalMatch(statement, p);
    if (via) matched.push({ statement, via });
  }
  return (action) => matched.filter(({ statement }) => statement.actions.has(action));
}

function sameStatements(a: Applicable, b: Applicable): boolean {
  if (a.length !== b.length) return false;
  const key = (x: Applicable): string =>
    x
      .map(({ statement, via }) => `${statement.identity}|${via}`)
      .sort()
      .join("\n");
  return key(a) === key(b);
}

/**
 * Statements one side has and the other has not (as a multiset of meanings). A request that none
 * of them can apply to meets the same statements on both sides and is decided alike, so only the
 * principals and actions they name need deciding.
 */
function differingStatements(ref: CompiledPolicy, act: CompiledPolicy): CompiledStatement[] {
  const live = (p: CompiledPolicy) => p.statements.filter((s) => !s.inert && s.resourceMatches);
  // Duplicates do not change a decision: what matters is whether a meaning is present at all.
  const refIds = new Set(live(ref).map((s) => s.identity));
  const actIds = new Set(live(act).map((s) => s.identity));
  return [
    ...live(ref).filter((s) => !actIds.has(s.identity)),
    ...live(act).filter((s) => !refIds.has(s.identity)),
  ];
}

function groupsFor(
  ref: CompiledPolicy,
  act: CompiledPolicy,
  p: RequestPrincipal,
  actions: readonly string[],
): Group[] {
  const groups = new Map<string, Group>();
  const refFor = applicableFor(ref, p);
  const actFor = applicableFor(act, p);
  for (const action of actions) {
    const refApp = refFor(action);
    const actApp = actFor(action);
    if (refApp.length === 0 && actApp.length === 0) continue;
    // The same statements apply on both sides: every request is decided alike, nothing to find.
    if (sameStatements(refApp, actApp)) continue;
    const keys: Group["keys"] = new Map();
    const addClauses = (policy: CompiledPolicy, s: CompiledStatement): void => {
      for (const c of s.clauses) {
        let k = keys.get(c.key);
        if (!k)
          keys.set(
            c.key,
            (k = { clauses: [], avail: availabilityFor(policy, c.key, action, p), name: c.name }),
          );
        k.clauses.push(c);
      }
    };
    refApp.forEach(({ statement }) => addClauses(ref, statement));
    actApp.forEach(({ statement }) => addClauses(act, statement));
    let sig = "";
    for (const { statement, via } of refApp) sig += `r${statement.index}${via[0]}`;
    for (const { statement, via } of actApp) sig += `a${statement.index}${via[0]}`;
    for (const [k, v] of keys) {
      sig += `|${k}:${v.avail.kind}`;
      if (v.avail.kind === "fixed") sig += `=${v.avail.value}`;
      if (v.avail.kind === "free")
        sig += `${v.avail.mayBeAbsent ? "?" : ""}${v.avail.multi ? "*" : ""}`;
    }
    const g = groups.get(sig);
    if (g) g.actions.push(action);
    else groups.set(sig, { actions: [action], refApp, actApp, keys });
  }
  return [...groups.values()];
}

interface Decided {
  principal: RequestPrincipal;
  group: Group;
  gained?: Found;
  lost?: Found;
}

function decideAll(
  ref: CompiledPolicy,
  act: CompiledPolicy,
): { decided: Decided[]; stats: PolicyComparison["stats"] } {
  const differing = differingStatements(ref, act);
  const actions = KEY_POLICY_ACTIONS.filter((a) => differing.some((s) => s.actions.has(a)));
  const classes = differing.length === 0 ? [] : principalClasses([ref, act]);
  const decided: Decided[] = [];
  // The same clauses on a key recur for every principal class: cut their values once.
  const clauseIds = new Map<CompiledClause, number>();
  const optionsMemo = new Map<string, KeyOption[]>();
  const optionsFor = (k: {
    clauses: CompiledClause[];
    avail: Availability & { kind: "free" };
  }): KeyOption[] => {
    const ids = k.clauses.map((c) => {
      let id = clauseIds.get(c);
      if (id === undefined) clauseIds.set(c, (id = clauseIds.size));
      return id;
    });
    const memoKey = `${ids.join(",")}|${k.avail.mayBeAbsent}|${k.avail.multi}`;
    let hit = optionsMemo.get(memoKey);
    if (!hit) optionsMemo.set(memoKey, (hit = keyOptions(k.clauses, k.avail)));
    return hit;
  };
  let cells = 0;
  let actionGroups = 0;
  // Classes that meet the same statements, the same way, with the same principal-derived values
  // are decided alike: decide one, and give the others its results with their own principal.
  const principalKeys = new Set(
    [ref, act]
      .flatMap((x) => x.statements.flatMap((s) => s.clauses.map((c) => c.key)))
      .filter((k) => PRINCIPAL_KEYS.has(k)),
  );
  const signatureOf = (p: RequestPrincipal): string => {
    const matches = (x: CompiledPolicy) =>
      x.statements.map((s) => principalMatch(s, p)?.[0] ?? "-").join("");
    const kind = p.kind === "root" || p.kind === "service" ? p.kind : "iam";
    const derived = [...principalKeys].map((k) =>
      JSON.stringify(availabilityFor(ref, k, "kms:Decrypt", p)),
    );
    return `${matches(ref)}|${matches(act)}|${kind}|${p.account === ref.place.account}|${derived.join(",")}`;
  };
  const bySignature = new Map<string, RequestPrincipal[]>();
  for (const p of classes) {
    if (!differing.some((s) => principalMatch(s, p) !== null)) continue;
    const sig = signatureOf(p);
    const members = bySignature.get(sig);
    if (members) members.push(p);
    else bySignature.set(sig, [p]);
  }
  for (const [p, ...alike] of bySignature.values()) {
    if (!p) continue;
    const before = decided.length;
    decideClass(p);
    for (const d of decided.slice(before))
      for (const q of alike) decided.push({ ...d, principal: q });
  }
  return { decided, stats: { principalClasses: classes.length, actionGroups, cells } };

  function decideClass(p: RequestPrincipal): void {
    for (const group of groupsFor(ref, act, p, actions)) {
      actionGroups++;
      const free: { key: string; options: KeyOption[] }[] = [];
      for (const [key, k] of group.keys) {
        if (k.avail.kind === "free")
          free.push({ key, options: optionsFor({ clauses: k.clauses, avail: k.avail }) });
      }
      const size = free.reduce((n, f) => n * f.options.length, 1);
      cells += size;
      if (cells > CELL_BUDGET)
        throw new Undecidable(`more than ${CELL_BUDGET} request classes to decide`);
      const result: Decided = { principal: p, group };
      const pos = free.map(() => 0);
      for (let n = 0; n < size; n++) {
        const ctx: Record<string, KeyOption> = {};
        const context: Record<string, string | string[]> = {};
        free.forEach((f, i) => {
          const v = f.options[pos[i] as number] as KeyOption;
          ctx[f.key] = v;
          if (v !== null) context[f.key] = v;
        });
        const req: EvalRequest = {
          principal: p,
          action: group.actions[0] as string,
          context,
          callerIam: "grants-nothing",
        };
        // Every key's values in this cell, read once: fixed by principal and place, or the cell's.
        const values = new Map<string, readonly string[] | null>();
        for (const [key, k] of group.keys) {
          if (k.avail.kind === "absent") values.set(key, null);
          else if (k.avail.kind === "fixed") values.set(key, [k.avail.value]);
          else {
            const v = ctx[key] ?? null;
            values.set(key, v === null ? null : typeof v === "string" ? [v] : v);
          }
        }
        const valuesOf = (key: string): readonly string[] | null => values.get(key) ?? null;
        const refHits = hitsFor(ref, group.refApp, req, valuesOf);
        const actHits = hitsFor(act, group.actApp, req, valuesOf);
        for (const callerIam of WORLDS) {
          const r = decide(ref, p, callerIam, refHits);
          const a = decide(act, p, callerIam, actHits);
          const ra = r.decision === "allow";
          const aa = a.decision === "allow";
          if (aa && !ra && !result.gained) result.gained = { ctx, callerIam, ref: r, act: a };
          if (ra && !aa && !result.lost) result.lost = { ctx, callerIam, ref: r, act: a };
        }
        if (result.gained && result.lost) break;
        for (let i = 0; i < pos.length; i++) {
          pos[i] = (pos[i] as number) + 1;
          if ((pos[i] as number) < (free[i] as { options: KeyOption[] }).options.length) break;
          pos[i] = 0;
        }
      }
      if (result.gained || result.lost) decided.push(result);
    }
  }
}

interface Named {
  accounts: Set<string>;
  /** `account|role/app`, `account|session/app/s1`, `service|name`. */
  principals: Set<string>;
}

type PrincipalClass = DeltaEntry["principal"];

function describeClass(p: RequestPrincipal, named: Named, region: string): PrincipalClass {
  if (p.kind === "service") {
    const name = concretize(p.service ?? "", region);
    return named.principals.has(`service|${p.service}`)
      ? {
          label: `service ${name}`,
          kind: "service",
          accountNamed: false,
          named: displaySymbolic(p.service ?? ""),
        }
      : {
          label: `a service principal no statement names (e.g. ${name})`,
          kind: "service",
          accountNamed: false,
        };
  }
  const account = p.account ?? "";
  const accountNamed = named.accounts.has(account);
  const where = accountNamed ? `account ${account}` : `another account (e.g. ${account})`;
  const base = { kind: p.kind, account, accountNamed };
  if (p.kind === "root") return { ...base, label: `the root user of ${where}`, named: "root" };
  const resource = p.resource ?? "";
  const session = `session/${roleName(resource)}/${p.session}`;
  if (p.kind === "role-session" && named.principals.has(`${account}|${session}`)) {
    return { ...base, label: `${session} of ${where}`, named: session };
  }
  if (named.principals.has(`${account}|${resource}`))
    return { ...base, label: `${resource} of ${where}`, named: resource };
  const what =
    p.kind === "role-session"
      ? "a role session"
      : p.kind === "user"
        ? "a user"
        : "a federated user";
  return { ...base, label: `${what} of ${where} that no statement names (e.g. ${resource})` };
}

function namedSets(policies: CompiledPolicy[]): Named {
  const accounts = new Set<string>();
  const principals = new Set<string>();
  for (const policy of policies) {
    accounts.add(policy.place.account);
    for (const s of policy.statements) {
      for (const e of s.principal.entries) {
        if (e.t === "account") accounts.add(e.account);
        if (e.t === "iam") {
          accounts.add(e.account);
          principals.add(`${e.account}|${e.resource}`);
        }
        if (e.t === "session") {
          accounts.add(e.account);
          principals.add(`${e.account}|session/${e.roleName}/${e.session}`);
        }
        if (e.t === "service") principals.add(`service|${e.name}`);
      }
      for (const c of s.clauses) {
        if (
          (c.key === "kms:calleraccount" || c.key === "aws:principalaccount") &&
          c.op.comparison === "eq"
        ) {
          c.values.forEach((v) => accounts.add(v));
        }
      }
    }
  }
  return { accounts, principals };
}

function wire(
  found: Found,
  p: RequestPrincipal,
  action: string,
  group: Group,
  place: KeyPlace,
): WireRequest {
  const context: WireRequest["context"] = {};
  const absent: string[] = [];
  for (const [key, k] of group.keys) {
    if (k.avail.kind === "fixed") context[k.name] = concretize(k.avail.value, place.region);
    if (k.avail.kind !== "free") continue;
    const v = found.ctx[key];
    if (v === null || v === undefined) absent.push(k.name);
    else if (typeof v === "string") context[k.name] = concretize(v, place.region);
    else {
      const values = v.map((x) => concretize(x, place.region));
      context[k.name] = isMultiValued(key) ? values : (values[0] ?? "");
    }
  }
  const pArn = principalArn(p, place.partition);
  return {
    principal: concretize(callerArn(p, place.partition), place.region),
    ...(pArn ? { principalArn: pArn } : {}),
    action,
    context,
    absent: absent.sort(),
    callerIam: found.callerIam,
  };
}

function side(e: Evaluation, region: string): SideExplanation {
  return { region, decision: e.decision, statements: e.statements, because: e.because };
}

function verdictOf(delta: DeltaEntry[]): Verdict {
  const gained = delta.some((d) => d.change === "gained");
  const lost = delta.some((d) => d.change === "lost");
  return gained && lost ? "incomparable" : gained ? "wider" : lost ? "narrower" : "equal";
}

function onlyStarResources(doc: PolicyDocument): boolean {
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return statements.every((s) =>
    [s.Resource ?? [], s.NotResource ?? []].flat().every((r) => r === "*"),
  );
}

const cache = new Map<string, Omit<PolicyComparison, "statementDiff">>();
const CACHE_LIMIT = 10_000;
let canonicalMemo = new WeakMap<
  PolicyDocument,
  Map<string, { canonical: CanonicalPolicy; text: string }>
>();
let compiledMemo = new WeakMap<PolicyDocument, Map<string, CompiledPolicy>>();

/**
 * Forget cached verdicts and the normal forms and compilations behind them. A scan calls it once its
 * findings are decided: the memos are keyed by the keys' policy objects, which the snapshot keeps
 * through its output and save, so they would stay alive as long (~80 MB at 18,000 keys). Benchmarks
 * call it to measure the decision, not the cache.
 */
export function clearVerdictCache(): void {
  cache.clear();
  canonicalMemo = new WeakMap();
  compiledMemo = new WeakMap();
}

/** How many verdicts are cached (tests). */
export function cachedVerdictCount(): number {
  return cache.size;
}

/** The normalised form of a document in a place, once per document object (a reference serves many replicas). */
function canonicalOf(
  doc: PolicyDocument,
  place: KeyPlace,
): { canonical: CanonicalPolicy; text: string } {
  let byPlace = canonicalMemo.get(doc);
  if (!byPlace) canonicalMemo.set(doc, (byPlace = new Map()));
  const k = `${place.partition}|${place.region}`;
  let hit = byPlace.get(k);
  if (!hit) {
    const { canonical, keys } = normalizePolicyWithKeys(doc, place);
    byPlace.set(k, (hit = { canonical, text: keys.join("\n") }));
  }
  return hit;
}

/** A document compiled for a place, once per document object (a reference serves every replica). */
function compiledOf(doc: PolicyDocument, place: KeyPlace): CompiledPolicy {
  let byPlace = compiledMemo.get(doc);
  if (!byPlace) compiledMemo.set(doc, (byPlace = new Map()));
  const k = JSON.stringify(place);
  let hit = byPlace.get(k);
  if (!hit) byPlace.set(k, (hit = compilePolicy(doc, place)));
  return hit;
}

/**
 * Compare two key policies by what they allow. The reference is read in its region, the actual in
 * its own; both regions become the symbolic own region, every other region stays foreign.
 */
export function comparePolicies(reference: PolicySide, actual: PolicySide): PolicyComparison {
  const { canonical: refCanonical, text: refText } = canonicalOf(reference.policy, reference.place);
  const { canonical: actCanonical, text: actText } = canonicalOf(actual.policy, actual.place);
  // Identical normal forms read the same: no diff to compute (most pairs of a scan).
  const statementDiff =
    refText === actText
      ? { added: [], removed: [], changed: [] }
      : diffStatements(refCanonical, actCanonical);
  const noStats = { principalClasses: 0, actionGroups: 0, cells: 0 };
  const samePlace =
    reference.place.partition === actual.place.partition &&
    reference.place.account === actual.place.account;
  if (!samePlace) {
    return {
      verdict: "undecidable",
      delta: [],
      undecidable: { reasons: ["the keys are in different accounts or partitions"] },
      statementDiff,
      stats: noStats,
    };
  }
  const keyIdMatters = !onlyStarResources(reference.policy) || !onlyStarResources(actual.policy);
  const sameKeyId = reference.place.keyId === actual.place.keyId;
  // Identical text after meaning-preserving normalisation: equal by identity, whatever it says.
  if (refText === actText && (!keyIdMatters || sameKeyId)) {
    return { verdict: "equal", delta: [], statementDiff, stats: noStats };
  }
  const cacheKey = JSON.stringify([
    refText,
    actText,
    reference.place.partition,
    reference.place.account,
    reference.place.region,
    actual.place.region,
    keyIdMatters ? [reference.place.keyId, actual.place.keyId] : null,
  ]);
  const hit = cache.get(cacheKey);
  if (hit) return { ...hit, statementDiff };
  const result = decidePair(reference, actual);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, result);
  return { ...result, statementDiff };
}

function decidePair(
  reference: PolicySide,
  actual: PolicySide,
): Omit<PolicyComparison, "statementDiff"> {
  const ref = compiledOf(reference.policy, reference.place);
  const act = compiledOf(actual.policy, actual.place);
  const noStats = { principalClasses: 0, actionGroups: 0, cells: 0 };
  const reasons = [
    ...ref.reasons.map((r) => `reference: ${r}`),
    ...act.reasons.map((r) => `actual: ${r}`),
  ];
  if (reasons.length > 0)
    return { verdict: "undecidable", delta: [], undecidable: { reasons }, stats: noStats };
  let outcome: ReturnType<typeof decideAll>;
  try {
    outcome = decideAll(ref, act);
  } catch (e) {
    if (e instanceof Undecidable) {
      return {
        verdict: "undecidable",
        delta: [],
        undecidable: { reasons: [e.message] },
        stats: noStats,
      };
    }
    throw e;
  }
  const named = namedSets([ref, act]);
  const delta: DeltaEntry[] = [];
  for (const d of outcome.decided) {
    for (const [change, found] of [
      ["gained", d.gained],
      ["lost", d.lost],
    ] as const) {
      if (!found) continue;
      for (const action of d.group.actions) {
        delta.push({
          change,
          principal: describeClass(d.principal, named, actual.place.region),
          action,
          witness: {
            request: wire(found, d.principal, action, d.group, actual.place),
            referenceRequest: wire(found, d.principal, action, d.group, reference.place),
          },
          reference: side(found.ref, reference.place.region),
          actual: side(found.act, actual.place.region),
        });
      }
    }
  }
  // Classes that read the same in words (two unnamed roles the partition keeps apart) are one entry.
  const seen = new Set<string>();
  const unique = delta.filter((d) => {
    const k = `${d.change}|${d.principal.label}|${d.action}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { verdict: verdictOf(unique), delta: unique, stats: outcome.stats };
}
