import fc from "fast-check";
import type { PolicyDocument, PolicyStatement } from "../../domain/key-record";
import { KMS_ACTIONS } from "../kms-actions";

/** fast-check generators of realistic key policies, written with `${region}` where the own region stands. */
export const TEST_ACCOUNT = "444455556666";
export const ROLE_POOL = ["app", "admin", "analytics", "etl", "backup", "audit", "ops", "ci"].map(
  (r) => `arn:aws:iam::${TEST_ACCOUNT}:role/${r}`,
);
export const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-1", "us-west-2"];

const actionArb = fc.oneof(
  fc.constantFrom(...KMS_ACTIONS).map((a) => `kms:${a}`),
  fc.constantFrom(
    "kms:*",
    "kms:Decrypt*",
    "kms:Describe*",
    "kms:Get*",
    "kms:List*",
    "kms:GenerateDataKey*",
  ),
);

const conditionArb: fc.Arbitrary<NonNullable<PolicyStatement["Condition"]>> = fc.oneof(
  fc.constant({ StringEquals: { "kms:ViaService": "s3.${region}.amazonaws.com" } }),
  fc.constant({ StringEquals: { "aws:RequestedRegion": "${region}" } }),
  fc.constant({
    ArnLike: {
      "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:\${region}:${TEST_ACCOUNT}:log-group:*`,
    },
  }),
  fc.constant({
    StringEquals: { "kms:CallerAccount": TEST_ACCOUNT },
    Bool: { "aws:SecureTransport": "true" },
  }),
);

const resourceArb = fc.constantFrom("*", `arn:aws:kms:\${region}:${TEST_ACCOUNT}:key/*`);

/** Allow statements, each for its own principal (so no statement is subsumed by another). */
export const allowPolicyTemplateArb: fc.Arbitrary<PolicyDocument> = fc
  .uniqueArray(fc.integer({ min: 0, max: ROLE_POOL.length - 1 }), { minLength: 1, maxLength: 5 })
  .chain((principalIdx) =>
    fc.tuple(
      ...principalIdx.map((i) =>
        fc.record({
          Sid: fc.string({ maxLength: 6 }),
          Effect: fc.constant<"Allow">("Allow"),
          Principal: fc.constant({ AWS: ROLE_POOL[i] ?? "*" }),
          Action: fc.uniqueArray(actionArb, { minLength: 1, maxLength: 4 }),
          Resource: resourceArb,
          Condition: fc.option(conditionArb, { nil: undefined }),
        }),
      ),
    ),
  )
  .map((Statement) => ({ Version: "2012-10-17", Statement: Statement.map(dropUndefined) }));

/** Allow statements plus a root statement, a regional service principal and a Deny. */
export const policyTemplateArb: fc.Arbitrary<PolicyDocument> = allowPolicyTemplateArb.map((doc) => {
  const fixed: PolicyStatement[] = [
    {
      Sid: "root",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Effect: "Allow",
      Principal: { Service: "logs.${region}.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*"],
      Resource: "*",
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:\${region}:${TEST_ACCOUNT}:*`,
        },
      },
    },
    {
      Effect: "Deny",
      Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:role/contractor` },
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    },
  ];
  return {
    ...doc,
    Statement: [...fixed, ...(Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement])],
  };
});

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function instantiate(template: PolicyDocument, region: string): PolicyDocument {
  return JSON.parse(JSON.stringify(template).split("${region}").join(region)) as PolicyDocument;
}

/** Rewrites that must not change meaning: order, scalar/array, action case, account-id principals, Sids. */
export function reshuffle(doc: PolicyDocument, rnd: () => number): PolicyDocument {
  const shuffle = <T>(xs: T[]): T[] =>
    xs
      .map((x) => [rnd(), x] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, x]) => x);
  const list = (v: string | string[] | undefined): string | string[] | undefined => {
    if (v === undefined) return undefined;
    const arr = shuffle(Array.isArray(v) ? v : [v]);
    return arr.length === 1 && rnd() < 0.5 ? arr[0] : arr;
  };
  const caseOf = (a: string): string =>
    rnd() < 0.3 ? a.toLowerCase() : rnd() < 0.3 ? a.toUpperCase() : a;
  const principalOf = (p: PolicyStatement["Principal"]): PolicyStatement["Principal"] => {
    if (p === undefined || p === "*") return p;
    return Object.fromEntries(
      Object.entries(p).map(([type, v]) => {
        const values = (Array.isArray(v) ? v : [v]).map((x) => {
          const root = /^arn:aws:iam::(\d{12}):root$/.exec(x);
          return root && rnd() < 0.5 ? (root[1] ?? x) : x;
        });
        return [type, list(values) ?? []];
      }),
    );
  };
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]).map((s) => {
    const out: PolicyStatement = { ...s, Principal: principalOf(s.Principal) };
    if (s.NotPrincipal) out.NotPrincipal = principalOf(s.NotPrincipal);
    if (s.Action) out.Action = list((Array.isArray(s.Action) ? s.Action : [s.Action]).map(caseOf));
    if (s.NotAction) out.NotAction = list(s.NotAction);
    if (s.Resource) out.Resource = list(s.Resource);
    if (rnd() < 0.5) out.Sid = `s${Math.floor(rnd() * 1000)}`;
    else delete out.Sid;
    if (out.Principal === undefined) delete out.Principal;
    return out;
  });
  const shuffled = shuffle(statements);
  return {
    Version: "2012-10-17",
    Statement: shuffled.length === 1 && rnd() < 0.5 ? (shuffled[0] as PolicyStatement) : shuffled,
  };
}
