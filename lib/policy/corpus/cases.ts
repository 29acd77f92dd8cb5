import type { PolicyStatement } from "../../domain/key-record";
import {
  A,
  ALL_KEY_ACTIONS,
  allow,
  aws,
  B,
  type CorpusCase,
  deny,
  DOC,
  everyoneIn,
  gained,
  KEY_ID,
  lost,
  OTHER,
  role,
  ROOT,
  service,
  user,
  who,
} from "./builders";

const R1 = "us-east-1";
const R2 = "eu-west-1";
const via = (svc: string, region: string): string => `${svc}.${region}.amazonaws.com`;

function pair(
  name: string,
  doc: string,
  reference: PolicyStatement[],
  actual: PolicyStatement[],
  verdict: CorpusCase["verdict"],
  delta: CorpusCase["delta"] = [],
): CorpusCase {
  return {
    name,
    doc,
    reference: { region: R1, statements: reference },
    actual: { region: R2, statements: actual },
    verdict,
    delta,
  };
}

const app = aws(role("app"));
const notActionAllow = (
  principal: PolicyStatement["Principal"],
  notAction: string[],
): PolicyStatement => ({
  Effect: "Allow",
  Principal: principal,
  NotAction: notAction,
  Resource: "*",
});
const withResource = (s: PolicyStatement, resource: string): PolicyStatement => ({
  ...s,
  Resource: resource,
});
const withNotResource = (s: PolicyStatement, notResource: string): PolicyStatement => {
  const { Resource: _resource, ...rest } = s;
  return { ...rest, NotResource: notResource };
};
const USE = ["kms:Decrypt", "kms:Encrypt"];
const LOGS_ACTIONS = [
  "kms:Encrypt*",
  "kms:Decrypt*",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:Describe*",
];
const LOGS_EXPANDED = [
  "kms:Decrypt",
  "kms:DescribeKey",
  "kms:Encrypt",
  "kms:GenerateDataKey",
  "kms:GenerateDataKeyPair",
  "kms:GenerateDataKeyPairWithoutPlaintext",
  "kms:GenerateDataKeyWithoutPlaintext",
  "kms:ReEncryptFrom",
  "kms:ReEncryptTo",
];

/** Rewrites that change nothing: every one must be `equal`, both ways. */
const rewrites: CorpusCase[] = [
  pair(
    "kms:List* and the List actions on a key it stands for",
    DOC.sar,
    [ROOT, allow(app, "kms:List*")],
    [
      ROOT,
      allow(app, [
        "kms:ListGrants",
        "kms:ListKeyPolicies",
        "kms:ListKeyRotations",
        "kms:ListResourceTags",
      ]),
    ],
    "equal",
  ),
  pair(
    "Action * and kms:*",
    DOC.sar,
    [ROOT, allow(app, "*")],
    [ROOT, allow(app, "kms:*")],
    "equal",
  ),
  pair(
    "one statement split by action",
    DOC.evaluation,
    [ROOT, allow(app, USE, { StringEquals: { "kms:ViaService": via("s3", R1) } })],
    [
      ROOT,
      allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R2) } }),
      allow(app, "kms:Encrypt", { StringEquals: { "kms:ViaService": via("s3", R2) } }),
    ],
    "equal",
  ),
  pair(
    "one statement split by principal",
    DOC.evaluation,
    [ROOT, allow(aws(role("a"), role("b")), "kms:Decrypt")],
    [ROOT, allow(aws(role("a")), "kms:Decrypt"), allow(aws(role("b")), "kms:Decrypt")],
    "equal",
  ),
  pair(
    "two Deny statements merged into one",
    DOC.evaluation,
    [ROOT, deny(aws(role("x")), "kms:Decrypt"), deny(aws(role("x")), "kms:Encrypt")],
    [ROOT, deny(aws(role("x")), USE)],
    "equal",
  ),
  pair(
    "StringEquals and StringLike on a value without wildcards",
    DOC.operators,
    [ROOT, allow(app, USE, { StringEquals: { "kms:ViaService": via("s3", R1) } })],
    [ROOT, allow(app, USE, { StringLike: { "kms:ViaService": via("s3", R2) } })],
    "equal",
  ),
  pair(
    "ArnEquals and ArnLike on an exact ARN",
    DOC.operators,
    [ROOT, allow(app, USE, { ArnEquals: { "aws:SourceArn": "arn:aws:s3:::bucket-a" } })],
    [ROOT, allow(app, USE, { ArnLike: { "aws:SourceArn": "arn:aws:s3:::bucket-a" } })],
    "equal",
  ),
  pair(
    "IfExists on kms:CallerAccount, which every IAM principal's request carries",
    DOC.sar,
    [ROOT, allow(app, "kms:Decrypt", { StringEqualsIfExists: { "kms:CallerAccount": A } })],
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:CallerAccount": A } })],
    "equal",
  ),
  pair(
    "IfExists on kms:EncryptionAlgorithm, present with its default on Decrypt",
    DOC.kmsConditions,
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEqualsIfExists: { "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT" },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEquals: { "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT" },
      }),
    ],
    "equal",
  ),
  pair(
    "Resource * and the key's own ARN in its own region",
    DOC.iamPolicies,
    [ROOT, allow(app, USE)],
    [ROOT, withResource(allow(app, USE), `arn:aws:kms:${R2}:${A}:key/${KEY_ID}`)],
    "equal",
  ),
  pair(
    "Resource * and a pattern covering the key in every region",
    DOC.iamPolicies,
    [ROOT, allow(app, USE)],
    [ROOT, withResource(allow(app, USE), `arn:aws:kms:*:${A}:key/*`)],
    "equal",
  ),
  pair(
    "kms:ViaService naming each key's own region",
    DOC.kmsConditions,
    [ROOT, allow(app, USE, { StringEquals: { "kms:ViaService": via("ec2", R1) } })],
    [ROOT, allow(app, USE, { StringEquals: { "kms:ViaService": via("ec2", R2) } })],
    "equal",
  ),
  pair(
    "a regional service principal naming each key's own region",
    DOC.principal,
    [ROOT, allow(service(`logs.${R1}.amazonaws.com`), LOGS_ACTIONS)],
    [ROOT, allow(service(`logs.${R2}.amazonaws.com`), LOGS_ACTIONS)],
    "equal",
  ),
  pair(
    "statement order and Sids",
    DOC.evaluation,
    [
      ROOT,
      allow(app, "kms:Decrypt", undefined, "A"),
      deny(aws(role("x")), "kms:Encrypt", undefined, "B"),
    ],
    [
      deny(aws(role("x")), "kms:Encrypt", undefined, "Other"),
      allow(app, "kms:Decrypt", undefined, "Names"),
      { ...ROOT, Sid: "Root" },
    ],
    "equal",
  ),
  pair(
    "an account id and the account's root ARN",
    DOC.principal,
    [ROOT, allow(aws(B), "kms:Decrypt")],
    [ROOT, allow(aws(`arn:aws:iam::${B}:root`), "kms:Decrypt")],
    "equal",
  ),
  pair(
    "action case",
    DOC.sar,
    [ROOT, allow(app, "KMS:decrypt")],
    [ROOT, allow(app, "kms:Decrypt")],
    "equal",
  ),
  pair(
    "a duplicated statement",
    DOC.evaluation,
    [ROOT, allow(app, "kms:Decrypt")],
    [ROOT, allow(app, "kms:Decrypt"), allow(app, "kms:Decrypt")],
    "equal",
  ),
  pair(
    "StringEqualsIgnoreCase values differing in case",
    DOC.operators,
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEqualsIgnoreCase: { "kms:EncryptionContext:dept": "Finance" },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEqualsIgnoreCase: { "kms:EncryptionContext:dept": "FINANCE" },
      }),
    ],
    "equal",
  ),
  pair(
    "condition values reordered, an action as scalar or one-element list",
    DOC.operators,
    [
      ROOT,
      allow(app, ["kms:Decrypt"], {
        StringEquals: { "kms:ViaService": [via("s3", R1), via("ebs", R1)] },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEquals: { "kms:ViaService": [via("ebs", R2), via("s3", R2)] },
      }),
    ],
    "equal",
  ),
  pair(
    "NotAction excluding only actions a key policy cannot govern",
    DOC.notAction,
    [ROOT, notActionAllow(app, ["kms:CreateKey", "kms:ListKeys", "kms:ListAliases"])],
    [ROOT, allow(app, "kms:*")],
    "equal",
  ),
  pair(
    "NotResource naming another account's keys",
    DOC.notResource,
    [ROOT, withNotResource(allow(app, USE), `arn:aws:kms:*:${B}:key/*`)],
    [ROOT, allow(app, USE)],
    "equal",
  ),
  pair(
    "a statement whose NotResource * excludes every key",
    DOC.notResource,
    [ROOT],
    [ROOT, withNotResource(allow(aws(role("x")), "kms:Decrypt"), "*")],
    "equal",
  ),
  pair(
    "Null false and StringLike * on the same key",
    DOC.operators,
    [ROOT, deny(app, "kms:Decrypt", { Null: { "kms:ViaService": "false" } })],
    [ROOT, deny(app, "kms:Decrypt", { StringLike: { "kms:ViaService": "*" } })],
    "equal",
  ),
  pair(
    "DateLessThan as ISO 8601 and as epoch seconds",
    DOC.operators,
    [
      ROOT,
      allow(app, "kms:Decrypt", { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    ],
    [ROOT, allow(app, "kms:Decrypt", { DateLessThan: { "aws:CurrentTime": "1893456000" } })],
    "equal",
  ),
  pair(
    "one CIDR block and its two halves",
    DOC.operators,
    [ROOT, allow(app, "kms:Decrypt", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })],
    [
      ROOT,
      allow(app, "kms:Decrypt", { IpAddress: { "aws:SourceIp": ["10.0.0.0/9", "10.128.0.0/9"] } }),
    ],
    "equal",
  ),
  pair(
    "ForAllValues StringEquals and StringLike without wildcards",
    DOC.sets,
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["a", "b"] },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        "ForAllValues:StringLike": { "kms:EncryptionContextKeys": ["b", "a"] },
      }),
    ],
    "equal",
  ),
  pair(
    "ForAnyValue StringEquals and StringLike without wildcards",
    DOC.sets,
    [
      ROOT,
      allow(app, "kms:CreateGrant", {
        "ForAnyValue:StringEquals": { "kms:GrantOperations": "Decrypt" },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:CreateGrant", {
        "ForAnyValue:StringLike": { "kms:GrantOperations": "Decrypt" },
      }),
    ],
    "equal",
  ),
  pair(
    "two conditional statements and one with both values",
    DOC.operators,
    [
      ROOT,
      allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R1) } }),
      allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("ebs", R1) } }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEquals: { "kms:ViaService": [via("s3", R2), via("ebs", R2)] },
      }),
    ],
    "equal",
  ),
  pair(
    "ForAllValues on a single-valued key and IfExists",
    DOC.sets,
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        "ForAllValues:StringEquals": { "kms:ViaService": via("s3", R1) },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", { StringEqualsIfExists: { "kms:ViaService": via("s3", R2) } }),
    ],
    "equal",
  ),
  pair(
    "ForAnyValue on a single-valued key and the plain operator",
    DOC.sets,
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        "ForAnyValue:StringEquals": { "kms:ViaService": via("s3", R1) },
      }),
    ],
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R2) } })],
    "equal",
  ),
  pair(
    "condition key names in different case",
    DOC.globalKeys,
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:viaservice": via("s3", R1) } })],
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R2) } })],
    "equal",
  ),
  pair(
    "IfExists on a negated operator, which an absent key already satisfies",
    DOC.operators,
    [ROOT, deny(app, "kms:Decrypt", { StringNotEquals: { "kms:ViaService": via("s3", R1) } })],
    [
      ROOT,
      deny(app, "kms:Decrypt", { StringNotEqualsIfExists: { "kms:ViaService": via("s3", R2) } }),
    ],
    "equal",
  ),
  pair(
    "a deleted principal's unique id",
    DOC.principal,
    [ROOT],
    [ROOT, allow(aws("AROAEXAMPLEUNIQUEID01"), "kms:Decrypt")],
    "equal",
  ),
  pair(
    "aws:PrincipalArn by ArnLike and by StringLike on a role prefix",
    DOC.operators,
    [
      ROOT,
      allow("*", "kms:Decrypt", {
        ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/app-*` },
      }),
    ],
    [
      ROOT,
      allow("*", "kms:Decrypt", {
        StringLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/app-*` },
      }),
    ],
    "equal",
  ),
];

/** Additions that grant nothing new: `equal`, both ways. */
const nonGains: CorpusCase[] = [
  pair(
    "an action added where a grant-only condition key can never hold",
    DOC.sar,
    [
      ROOT,
      allow(app, ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], {
        Bool: { "kms:GrantIsForAWSResource": "true" },
      }),
    ],
    [
      ROOT,
      allow(app, ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant", "kms:Decrypt"], {
        Bool: { "kms:GrantIsForAWSResource": "true" },
      }),
    ],
    "equal",
  ),
  pair(
    "access another statement already grants",
    DOC.evaluation,
    [ROOT, allow(app, "kms:*")],
    [
      ROOT,
      allow(app, "kms:*"),
      allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R2) } }),
    ],
    "equal",
  ),
  pair(
    "an Allow that an unchanged Deny cancels",
    DOC.evaluation,
    [ROOT, deny(aws(role("x")), "kms:Decrypt")],
    [ROOT, deny(aws(role("x")), "kms:Decrypt"), allow(aws(role("x")), "kms:Decrypt")],
    "equal",
  ),
  pair(
    "a cross-account role added to a statement requiring the key's account as caller",
    DOC.kmsConditions,
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:CallerAccount": A } })],
    [
      ROOT,
      allow(aws(role("app"), role("ext", B)), "kms:Decrypt", {
        StringEquals: { "kms:CallerAccount": A },
      }),
    ],
    "equal",
  ),
  pair(
    "actions a key policy cannot govern",
    DOC.sar,
    [ROOT, allow(app, "kms:Decrypt")],
    [ROOT, allow(app, ["kms:Decrypt", "kms:CreateKey", "kms:GenerateRandom"])],
    "equal",
  ),
  pair(
    "a statement for the same key in a foreign region",
    DOC.iamPolicies,
    [ROOT],
    [
      ROOT,
      withResource(allow(aws(role("x")), "kms:Decrypt"), `arn:aws:kms:${R1}:${A}:key/${KEY_ID}`),
    ],
    "equal",
  ),
  pair(
    "a Deny removed that blocked nothing anyone was allowed",
    DOC.evaluation,
    [allow(app, "kms:Encrypt"), deny(aws(role("z")), "kms:Decrypt")],
    [allow(app, "kms:Encrypt")],
    "equal",
  ),
  pair(
    "a statement with no Action element",
    DOC.putKeyPolicy,
    [ROOT],
    [ROOT, { Effect: "Allow", Principal: "*", Resource: "*" }],
    "equal",
  ),
];

/** Real differences, with the exact delta. */
const deltas: CorpusCase[] = [
  pair(
    "a condition made strictly wider",
    DOC.operators,
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R1) } })],
    [ROOT, allow(app, "kms:Decrypt", { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } })],
    "wider",
    [gained(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "a condition made narrower by a second key",
    DOC.operators,
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R1) } })],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        StringEquals: { "kms:ViaService": via("s3", R2), "kms:EncryptionContext:dept": "x" },
      }),
    ],
    "narrower",
    [lost(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "a conditional Deny made unconditional",
    DOC.evaluation,
    [
      ROOT,
      allow(aws(role("x")), "kms:Decrypt"),
      deny(aws(role("x")), "kms:Decrypt", { StringNotEquals: { "kms:ViaService": via("s3", R1) } }),
    ],
    [ROOT, allow(aws(role("x")), "kms:Decrypt"), deny(aws(role("x")), "kms:Decrypt")],
    "narrower",
    [lost(who.role("x"), "kms:Decrypt")],
  ),
  pair(
    "Principal * with kms:CallerAccount replacing a named role",
    DOC.kmsConditions,
    [ROOT, allow(app, "kms:Decrypt")],
    [ROOT, allow("*", "kms:Decrypt", { StringEquals: { "kms:CallerAccount": A } })],
    "wider",
    // Principal * also matches service principals; the key's value for a service principal is not
    // documented, so the module keeps it open (condition-keys.ts) and reports the class.
    [gained([who.anyUser(A), who.anyRole(A), who.anyFed(A), who.anyService], "kms:Decrypt")],
  ),
  pair(
    "Principal * without conditions replacing a named role",
    DOC.crossAccount,
    [ROOT, allow(app, "kms:Decrypt")],
    [ROOT, allow("*", "kms:Decrypt")],
    "wider",
    [
      gained(
        [who.anyUser(A), who.anyRole(A), who.anyFed(A), who.anyService, ...everyoneIn(OTHER)],
        "kms:Decrypt",
      ),
    ],
  ),
  pair(
    "a named role removed",
    DOC.defaultPolicy,
    [ROOT, allow(app, "kms:Decrypt")],
    [ROOT],
    "narrower",
    [lost(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "the statement that enables IAM policies removed",
    DOC.defaultPolicy,
    [ROOT, allow(app, "kms:Decrypt")],
    [allow(app, "kms:Decrypt")],
    "narrower",
    [
      lost([who.root(A), who.anyUser(A), who.anyRole(A), who.anyFed(A)], ALL_KEY_ACTIONS),
      lost(
        who.role("app"),
        ALL_KEY_ACTIONS.filter((a) => a !== "kms:Decrypt"),
      ),
    ],
  ),
  pair(
    "another account removed",
    DOC.crossAccount,
    [ROOT, allow(aws(B), "kms:Decrypt")],
    [ROOT],
    "narrower",
    [lost(everyoneIn(B), "kms:Decrypt")],
  ),
  pair(
    "another account narrowed to one of its roles",
    DOC.crossAccount,
    [ROOT, allow(aws(B), "kms:Decrypt")],
    [ROOT, allow(aws(role("ext", B)), "kms:Decrypt")],
    "narrower",
    [lost(everyoneIn(B), "kms:Decrypt")],
  ),
  pair(
    "Principal * with aws:PrincipalOrgID replacing another account",
    DOC.globalKeys,
    [ROOT, allow(aws(B), "kms:Decrypt")],
    [ROOT, allow("*", "kms:Decrypt", { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } })],
    "incomparable",
    [
      gained([who.anyUser(A), who.anyRole(A), who.anyFed(A), ...everyoneIn(OTHER)], "kms:Decrypt"),
      lost(everyoneIn(B), "kms:Decrypt"),
    ],
  ),
  pair(
    "ForAllValues replaced by ForAnyValue on encryption-context keys",
    DOC.sets,
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": "a" },
      }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", {
        "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "a" },
      }),
    ],
    "incomparable",
    [gained(who.role("app"), "kms:Decrypt"), lost(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "a second role exempted from a NotPrincipal Deny",
    DOC.notPrincipal,
    [
      ROOT,
      {
        Effect: "Deny",
        NotPrincipal: aws(role("admin")),
        Action: "kms:ScheduleKeyDeletion",
        Resource: "*",
      },
    ],
    [
      ROOT,
      {
        Effect: "Deny",
        NotPrincipal: aws(role("admin"), role("ops")),
        Action: "kms:ScheduleKeyDeletion",
        Resource: "*",
      },
    ],
    "wider",
    [gained(who.role("ops"), "kms:ScheduleKeyDeletion")],
  ),
  pair(
    "a NotAction Deny that now excludes less",
    DOC.notAction,
    [ROOT, { Effect: "Deny", Principal: aws(role("x")), NotAction: USE, Resource: "*" }],
    [ROOT, { Effect: "Deny", Principal: aws(role("x")), NotAction: "kms:Decrypt", Resource: "*" }],
    "narrower",
    [lost(who.role("x"), "kms:Encrypt")],
  ),
  pair(
    "NumericLessThan relaxed to NumericLessThanEquals",
    DOC.operators,
    [
      ROOT,
      deny(aws(role("ops")), "kms:ScheduleKeyDeletion", {
        NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" },
      }),
    ],
    [
      ROOT,
      deny(aws(role("ops")), "kms:ScheduleKeyDeletion", {
        NumericLessThanEquals: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" },
      }),
    ],
    "narrower",
    [lost(who.role("ops"), "kms:ScheduleKeyDeletion")],
  ),
  pair(
    "a date bound moved later",
    DOC.operators,
    [
      ROOT,
      allow(app, "kms:Decrypt", { DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    ],
    [
      ROOT,
      allow(app, "kms:Decrypt", { DateLessThan: { "aws:CurrentTime": "2031-01-01T00:00:00Z" } }),
    ],
    "wider",
    [gained(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "a CIDR block narrowed",
    DOC.operators,
    [ROOT, allow(app, "kms:Decrypt", { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } })],
    [ROOT, allow(app, "kms:Decrypt", { IpAddress: { "aws:SourceIp": "10.0.0.0/16" } })],
    "narrower",
    [lost(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "a Deny on insecure transport removed",
    DOC.globalKeys,
    [ROOT, deny(app, "kms:Decrypt", { Bool: { "aws:SecureTransport": "false" } })],
    [ROOT],
    "wider",
    [gained(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "kms:ViaService left naming the primary's region in a replica",
    DOC.kmsConditions,
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R1) } })],
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:ViaService": via("s3", R1) } })],
    "incomparable",
    [gained(who.role("app"), "kms:Decrypt"), lost(who.role("app"), "kms:Decrypt")],
  ),
  pair(
    "a regional service principal left naming the primary's region",
    DOC.principal,
    [ROOT, allow(service(`logs.${R1}.amazonaws.com`), LOGS_ACTIONS)],
    [ROOT, allow(service(`logs.${R1}.amazonaws.com`), LOGS_ACTIONS)],
    "incomparable",
    [
      gained(who.service(`logs.${R1}.amazonaws.com`), LOGS_EXPANDED),
      lost(who.service("logs.${region}.amazonaws.com"), LOGS_EXPANDED),
    ],
  ),
  pair(
    "aws:PrincipalArn opened to every account",
    DOC.globalKeys,
    [
      ROOT,
      allow("*", "kms:Decrypt", { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/app` } }),
    ],
    [
      ROOT,
      allow("*", "kms:Decrypt", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/app" } }),
    ],
    "wider",
    // aws:PrincipalArn of a service principal is not documented, so the service class stays open.
    [gained([who.anyRole(OTHER), who.anyService], "kms:Decrypt")],
  ),
  pair(
    "Principal * with kms:CallerAccount and the account principal with the same condition",
    DOC.defaultPolicy,
    [ROOT, allow(aws(A), "kms:Decrypt", { StringEquals: { "kms:CallerAccount": A } })],
    [ROOT, allow("*", "kms:Decrypt", { StringEquals: { "kms:CallerAccount": A } })],
    "wider",
    [gained([who.anyUser(A), who.anyRole(A), who.anyFed(A), who.anyService], "kms:Decrypt")],
  ),
  pair(
    "kms:* granted to a new cross-account role",
    DOC.crossAccount,
    [ROOT],
    [ROOT, allow(aws(role("ext", B)), "kms:*")],
    "wider",
    [gained(who.role("ext", B), ALL_KEY_ACTIONS)],
  ),
  pair(
    "a Deny replaced by NotAction, which does not deny",
    DOC.notAction,
    [ROOT, allow(app, "kms:*"), deny(app, "kms:ScheduleKeyDeletion")],
    [ROOT, notActionAllow(app, ["kms:ScheduleKeyDeletion"])],
    "wider",
    [gained(who.role("app"), "kms:ScheduleKeyDeletion")],
  ),
  pair(
    "an unconditional Deny removed",
    DOC.evaluation,
    [ROOT, deny(aws(role("z")), "kms:Decrypt")],
    [ROOT],
    "wider",
    [gained(who.role("z"), "kms:Decrypt")],
  ),
  pair(
    "kms:GrantIsForAWSResource required on CreateGrant",
    DOC.sar,
    [ROOT, allow(app, "kms:CreateGrant")],
    [ROOT, allow(app, "kms:CreateGrant", { Bool: { "kms:GrantIsForAWSResource": "true" } })],
    "narrower",
    [lost(who.role("app"), "kms:CreateGrant")],
  ),
  pair(
    "a named user granted key administration",
    DOC.defaultPolicy,
    [ROOT],
    [
      ROOT,
      allow(aws(user("alice")), [
        "kms:Create*",
        "kms:Describe*",
        "kms:Enable*",
        "kms:List*",
        "kms:Put*",
      ]),
    ],
    "wider",
    [
      gained(who.user("alice"), [
        "kms:CreateAlias",
        "kms:CreateGrant",
        "kms:DescribeKey",
        "kms:EnableKey",
        "kms:EnableKeyRotation",
        "kms:ListGrants",
        "kms:ListKeyPolicies",
        "kms:ListKeyRotations",
        "kms:ListResourceTags",
        "kms:PutKeyPolicy",
      ]),
    ],
  ),
];

/** Constructs the module does not decide: `undecidable`, never `equal`. */
const undecided: CorpusCase[] = [
  pair(
    "a policy variable in a condition",
    DOC.variables,
    [ROOT, allow(app, "kms:Decrypt")],
    [
      ROOT,
      allow("*", "kms:Decrypt", { StringEquals: { "aws:PrincipalTag/team": "${aws:username}" } }),
    ],
    "undecidable",
  ),
  pair(
    "an operator IAM does not document",
    DOC.operators,
    [ROOT, allow(app, "kms:Decrypt")],
    [ROOT, allow(app, "kms:Decrypt", { StringSortOf: { "kms:ViaService": "x" } })],
    "undecidable",
  ),
  pair(
    "NotPrincipal with Allow, which IAM does not support",
    DOC.notPrincipal,
    [ROOT],
    [ROOT, { Effect: "Allow", NotPrincipal: aws(role("x")), Action: "kms:Decrypt", Resource: "*" }],
    "undecidable",
  ),
  pair(
    "a Federated principal",
    DOC.principal,
    [ROOT],
    [ROOT, allow({ Federated: "cognito-identity.amazonaws.com" }, "kms:Decrypt")],
    "undecidable",
  ),
  pair(
    "a multivalued key without a set operator",
    DOC.sets,
    [ROOT],
    [ROOT, allow(app, "kms:Decrypt", { StringEquals: { "kms:EncryptionContextKeys": "a" } })],
    "undecidable",
  ),
];

export const CORPUS: readonly CorpusCase[] = [...rewrites, ...nonGains, ...deltas, ...undecided];
