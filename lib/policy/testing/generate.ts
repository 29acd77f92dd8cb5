/**
 * Seeded generators of realistic KMS key policies, meaning-preserving rewrites and mutations, for the
 * differential test and the properties. Test support only: nothing in the product imports it.
 */
import type { PolicyDocument, PolicyStatement } from "../../domain/key-record";
import { KEY_POLICY_ACTIONS } from "../kms-facts";
import { replaceRegionDeep } from "../../domain/region-text";

export type Rng = () => number;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rng, p: number): boolean => r() < p;

export const A = "111122223333";
export const B = "444455556666";
export const C = "777788889999";
export const KEY_ID = "mrk-0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
export const R1 = "us-east-1";
export const R2 = "eu-west-1";

const roleArn = (name: string, account = A): string => `arn:aws:iam::${account}:role/${name}`;

const PRINCIPALS: PolicyStatement["Principal"][] = [
  { AWS: `arn:aws:iam::${A}:root` },
  { AWS: roleArn("app") },
  { AWS: roleArn("ops") },
  { AWS: [roleArn("app"), roleArn("ops")] },
  { AWS: `arn:aws:iam::${A}:user/alice` },
  { AWS: B },
  { AWS: roleArn("ext", B) },
  { AWS: `arn:aws:sts::${A}:assumed-role/app/batch` },
  "*",
  { Service: `logs.${R1}.amazonaws.com` },
];

const ACTIONS: (string | string[])[] = [
  "kms:*",
  "kms:Decrypt",
  ["kms:Encrypt", "kms:Decrypt"],
  "kms:Encrypt*",
  "kms:GenerateDataKey*",
  ["kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"],
  "kms:Describe*",
  "kms:List*",
  "kms:Get*",
  ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
  ["kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
  ["kms:PutKeyPolicy", "kms:TagResource", "kms:UntagResource"],
  "kms:Create*",
];

type Cond = NonNullable<PolicyStatement["Condition"]>;

/**
 * `simulatorSafe` leaves out kms:EncryptionContext:<key>: @cloud-copilot/iam-simulate drops
 * colon-templated context keys from the request (it only matches `/`-templated ones such as
 * aws:PrincipalTag/<key>), so it could never confirm a witness that needs one.
 */
export interface GenerateOptions {
  simulatorSafe?: boolean;
}

function condition(r: Rng, opts: GenerateOptions = {}): Cond {
  const region = R1;
  const all: (() => Cond)[] = [
    () => ({ StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } }),
    () => ({
      StringEquals: {
        "kms:ViaService": [`s3.${region}.amazonaws.com`, `ec2.${region}.amazonaws.com`],
      },
    }),
    () => ({ StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } }),
    () => ({ StringEquals: { "kms:CallerAccount": pick(r, [A, B]) } }),
    () => ({ StringNotEquals: { "kms:CallerAccount": A } }),
    () => ({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } }),
    () => ({ StringEquals: { "kms:EncryptionContext:dept": pick(r, ["finance", "ops"]) } }),
    () => ({ StringEqualsIgnoreCase: { "kms:EncryptionContext:dept": "Finance" } }),
    () => ({ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["dept", "app"] } }),
    () => ({ "ForAnyValue:StringLike": { "kms:EncryptionContextKeys": "app*" } }),
    () => ({ Bool: { "kms:GrantIsForAWSResource": "true" } }),
    () => ({ Bool: { "aws:SecureTransport": "false" } }),
    () => ({ IpAddress: { "aws:SourceIp": pick(r, ["10.0.0.0/8", "192.168.0.0/16"]) } }),
    () => ({ NotIpAddress: { "aws:SourceIp": "10.0.0.0/8" } }),
    () => ({ DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    () => ({ NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" } }),
    () => ({
      ArnLike: { "aws:PrincipalArn": pick(r, [roleArn("app*"), `arn:aws:iam::*:role/ops`]) },
    }),
    () => ({ StringEqualsIfExists: { "kms:ViaService": `ec2.${region}.amazonaws.com` } }),
    () => ({ Null: { "kms:ViaService": pick(r, ["true", "false"]) } }),
    () => ({ StringEquals: { "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT" } }),
  ];
  const options = all.filter(
    (f) => !opts.simulatorSafe || !JSON.stringify(f()).includes("kms:EncryptionContext:"),
  );
  const first = pick(r, options)();
  if (!chance(r, 0.25)) return first;
  const second = pick(r, options)();
  const merged: Cond = { ...first };
  for (const [op, entries] of Object.entries(second))
    merged[op] = { ...(merged[op] ?? {}), ...entries };
  return merged;
}

export function statement(r: Rng, index: number, opts: GenerateOptions = {}): PolicyStatement {
  const s: PolicyStatement = {
    Sid: `S${index}`,
    Effect: chance(r, 0.25) ? "Deny" : "Allow",
    Principal: pick(r, PRINCIPALS),
    Action: pick(r, ACTIONS),
    Resource: "*",
  };
  if (chance(r, 0.1)) {
    delete s.Action;
    s.NotAction = pick(r, ["kms:Decrypt", ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"]]);
  }
  if (chance(r, 0.08))
    s.Resource = pick(r, [
      `arn:aws:kms:${R1}:${A}:key/${KEY_ID}`,
      `arn:aws:kms:*:${A}:key/*`,
      `arn:aws:kms:ap-south-1:${A}:key/*`,
    ]);
  if (chance(r, 0.55)) s.Condition = condition(r, opts);
  return s;
}

export const ROOT_STATEMENT: PolicyStatement = {
  Sid: "EnableIamPolicies",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${A}:root` },
  Action: "kms:*",
  Resource: "*",
};

/** A realistic key policy as it reads in R1. */
export function policy(r: Rng, opts: GenerateOptions = {}): PolicyDocument {
  const statements: PolicyStatement[] = chance(r, 0.85) ? [ROOT_STATEMENT] : [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) statements.push(statement(r, i, opts));
  return { Version: "2012-10-17", Statement: statements };
}

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const list = <T>(x: T | T[] | undefined): T[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];
const statementsOf = (doc: PolicyDocument): PolicyStatement[] => list(doc.Statement);

/** Rewrites that keep the meaning (each documented: ordering, splits, equivalent operators…). */
export const REWRITES: Record<string, (r: Rng, doc: PolicyDocument) => PolicyDocument> = {
  reorder: (r, doc) => {
    const s = [...statementsOf(doc)];
    for (let i = s.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [s[i], s[j]] = [s[j] as PolicyStatement, s[i] as PolicyStatement];
    }
    return { ...doc, Statement: s };
  },
  renameSids: (_r, doc) => ({
    ...doc,
    Statement: statementsOf(doc).map((s, i) => ({ ...s, Sid: `Renamed${i}` })),
  }),
  splitByAction: (r, doc) => ({
    ...doc,
    Statement: statementsOf(doc).flatMap((s) => {
      const actions = list(s.Action);
      if (actions.length < 2 || !chance(r, 0.7)) return [s];
      return actions.map((a) => ({ ...clone(s), Action: a }));
    }),
  }),
  splitByPrincipal: (_r, doc) => ({
    ...doc,
    Statement: statementsOf(doc).flatMap((s) => {
      if (!s.Principal || s.Principal === "*" || !("AWS" in s.Principal)) return [s];
      const arns = list(s.Principal.AWS);
      return arns.length < 2 ? [s] : arns.map((a) => ({ ...clone(s), Principal: { AWS: a } }));
    }),
  }),
  accountIdForm: (_r, doc) =>
    JSON.parse(
      JSON.stringify(doc).replace(new RegExp(`"arn:aws:iam::(${A}|${B}):root"`, "g"), '"$1"'),
    ) as PolicyDocument,
  actionCase: (_r, doc) => ({
    ...doc,
    Statement: statementsOf(doc).map((s) =>
      s.Action ? { ...s, Action: list(s.Action).map((a) => a.toUpperCase()) } : s,
    ),
  }),
  likeForEquals: (_r, doc) => ({
    ...doc,
    Statement: statementsOf(doc).map((s) => {
      const eq = s.Condition?.StringEquals;
      if (!s.Condition || !eq || s.Condition.StringLike) return s;
      const values = Object.values(eq).flatMap((v) => list(v as string | string[]));
      if (values.some((v) => /[*?]/.test(String(v)))) return s;
      const { StringEquals: _eq, ...rest } = s.Condition;
      return { ...s, Condition: { ...rest, StringLike: eq } };
    }),
  }),
  duplicate: (r, doc) => {
    const s = statementsOf(doc);
    return { ...doc, Statement: [...s, clone(pick(r, s))] };
  },
  listExpansion: (_r, doc) =>
    JSON.parse(
      JSON.stringify(doc).replace(
        /"kms:List\*"/g,
        JSON.stringify([
          "kms:ListGrants",
          "kms:ListKeyPolicies",
          "kms:ListKeyRotations",
          "kms:ListResourceTags",
        ]),
      ),
    ) as PolicyDocument,
};

/** Changes that may or may not change the meaning. */
export const MUTATIONS: Record<
  string,
  (r: Rng, doc: PolicyDocument, opts: GenerateOptions) => PolicyDocument
> = {
  drop: (r, doc) => {
    const s = statementsOf(doc);
    if (s.length < 2) return doc;
    const i = Math.floor(r() * s.length);
    return { ...doc, Statement: s.filter((_, j) => j !== i) };
  },
  add: (r, doc, opts) => ({ ...doc, Statement: [...statementsOf(doc), statement(r, 90, opts)] }),
  flipEffect: (r, doc) => {
    const s = statementsOf(doc).map((x) => clone(x));
    const t = pick(r, s);
    t.Effect = t.Effect === "Allow" ? "Deny" : "Allow";
    return { ...doc, Statement: s };
  },
  newCondition: (r, doc, opts) => {
    const s = statementsOf(doc).map((x) => clone(x));
    pick(r, s).Condition = condition(r, opts);
    return { ...doc, Statement: s };
  },
  dropCondition: (r, doc) => {
    const s = statementsOf(doc).map((x) => clone(x));
    delete pick(r, s).Condition;
    return { ...doc, Statement: s };
  },
  newPrincipal: (r, doc) => {
    const s = statementsOf(doc).map((x) => clone(x));
    const t = pick(r, s);
    if (t.NotPrincipal === undefined) t.Principal = pick(r, PRINCIPALS);
    return { ...doc, Statement: s };
  },
  newActions: (r, doc) => {
    const s = statementsOf(doc).map((x) => clone(x));
    const t = pick(r, s);
    if (t.Action !== undefined) t.Action = pick(r, ACTIONS);
    return { ...doc, Statement: s };
  },
};

/** The same document as the replica in R2 would carry it (own-region names rewritten). */
export function inRegion(doc: PolicyDocument, region: string): PolicyDocument {
  return replaceRegionDeep(doc, R1, region);
}

export interface GeneratedPair {
  seed: number;
  steps: string[];
  reference: PolicyDocument;
  actual: PolicyDocument;
}

/** A reference in R1 and an actual in R2: rewritten (meaning kept) and, for most pairs, mutated. */
export function generatePair(seed: number, opts: GenerateOptions = {}): GeneratedPair {
  const r = rng(seed);
  const reference = policy(r, opts);
  let actual = clone(reference);
  const steps: string[] = [];
  const nRewrites = 1 + Math.floor(r() * 3);
  for (let i = 0; i < nRewrites; i++) {
    const name = pick(r, Object.keys(REWRITES));
    steps.push(name);
    actual = rewrite(name, r, actual);
  }
  if (chance(r, 0.7)) {
    const name = pick(r, Object.keys(MUTATIONS));
    steps.push(`mutate:${name}`);
    actual = mutate(name, r, actual, opts);
  }
  return { seed, steps, reference, actual: inRegion(actual, R2) };
}

export { KEY_POLICY_ACTIONS };

export function rewrite(name: string, r: Rng, doc: PolicyDocument): PolicyDocument {
  const f = REWRITES[name];
  if (!f) throw new Error(`no rewrite ${name}`);
  return f(r, doc);
}

export function mutate(
  name: string,
  r: Rng,
  doc: PolicyDocument,
  opts: GenerateOptions = {},
): PolicyDocument {
  const f = MUTATIONS[name];
  if (!f) throw new Error(`no mutation ${name}`);
  return f(r, doc, opts);
}

/** The verdict of the same pair read the other way round. */
export const MIRROR_VERDICT = {
  equal: "equal",
  wider: "narrower",
  narrower: "wider",
  incomparable: "incomparable",
  undecidable: "undecidable",
} as const;
