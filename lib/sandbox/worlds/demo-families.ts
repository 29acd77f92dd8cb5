import type { Cast } from "./cast";
import { DEMO_ACCOUNT, SECOND_ACCOUNT } from "./cast";
import type { FamilySpec } from "./family";
import { buildPolicyParts, buildWorkerGrant, planFamily } from "./family-specs";
import { withFixedSid } from "./policy-parts";
import type { Random } from "./random";

/** Families of the demo whose names the recommended config (demo.config.json) refers to. */

const XSS_SCRIPT = "<script>alert(1)</script>";
const XSS_IMG = '"><img src=x onerror=alert(1)>';

function named(
  random: Random,
  cast: Cast,
  kind: FamilySpec["kind"],
  name: string,
  regions: string[],
): FamilySpec {
  return planFamily(random, {
    account: DEMO_ACCOUNT,
    kind,
    name,
    regions,
    creator: cast.terraform,
  });
}

export interface DemoFixedFamilies {
  paymentsLedger: FamilySpec;
  paymentsCards: FamilySpec;
  customerPiiEu: FamilySpec;
  hrRecordsEu: FamilySpec;
  xssProbe: FamilySpec;
  legacySessions: FamilySpec;
  legacyReports: FamilySpec;
  legacyExports: FamilySpec;
  byokArchive: FamilySpec;
  signingRsa: FamilySpec;
  documentRsa: FamilySpec;
  appSecrets: FamilySpec;
  xssAlias: FamilySpec;
  sharedConfig: FamilySpec;
}

export function planDemoFixedFamilies(random: Random, cast: Cast): DemoFixedFamilies {
  const euPii = { "data-class": "eu-pii" };
  const customerPiiEu = named(random, cast, "multi-region", "customer-pii-eu", [
    "eu-west-1",
    "eu-central-1",
    "eu-north-1",
  ]);
  customerPiiEu.tags = { ...customerPiiEu.tags, ...euPii };
  const hrRecordsEu = named(random, cast, "multi-region", "hr-records-eu", [
    "eu-central-1",
    "eu-west-1",
  ]);
  hrRecordsEu.tags = { ...hrRecordsEu.tags, ...euPii };

  const xssProbe = named(random, cast, "multi-region", "xss-probe", [
    "us-east-1",
    "eu-west-1",
    "ap-southeast-2",
  ]);
  xssProbe.description = XSS_SCRIPT;
  xssProbe.tags = { ...xssProbe.tags, note: XSS_IMG };
  xssProbe.parts = xssProbe.parts.map((p) => (p.key === "users" ? withFixedSid(p, XSS_SCRIPT) : p));
  const xssAlias = named(random, cast, "alias", "xss-alias", ["us-east-2", "ca-central-1"]);
  xssAlias.description = XSS_IMG;
  xssAlias.tags = { ...xssAlias.tags, note: XSS_SCRIPT };
  xssAlias.parts = xssAlias.parts.map((p) => (p.key === "root" ? withFixedSid(p, XSS_IMG) : p));

  const legacyReports = named(random, cast, "alias", "legacy-reports", [
    "eu-west-1",
    "us-east-1",
    "us-west-2",
  ]);
  legacyReports.tags = { env: "legacy", owner: "reporting", "managed-by": "terraform" };
  const legacyExports = named(random, cast, "alias", "legacy-exports", [
    "us-east-2",
    "eu-west-1",
    "ap-northeast-1",
  ]);

  const asymmetric = (spec: FamilySpec, keySpec: string, keyUsage: string): FamilySpec => ({
    ...spec,
    keySpec,
    keyUsage,
    rotation: false,
    grants: [],
  });
  const byokArchive: FamilySpec = {
    ...named(random, cast, "alias", "byok-archive", ["us-east-1", "eu-west-1"]),
    rotation: false,
    // A key awaiting its material refuses CreateGrant, so the family has none anywhere.
    grants: [],
    overrides: { "us-east-1": { origin: "EXTERNAL" } },
  };
  const signingRsa: FamilySpec = {
    ...asymmetric(
      named(random, cast, "alias", "document-signing", ["eu-west-1", "us-east-1", "us-west-2"]),
      "RSA_2048",
      "ENCRYPT_DECRYPT",
    ),
    overrides: { "us-west-2": { keyUsage: "SIGN_VERIFY" } },
  };
  const documentRsa: FamilySpec = {
    ...asymmetric(
      named(random, cast, "alias", "envelope-rsa", ["ap-southeast-2", "ca-central-1", "us-east-1"]),
      "RSA_2048",
      "ENCRYPT_DECRYPT",
    ),
    overrides: { "us-east-1": { keySpec: "RSA_4096" } },
  };
  const appSecrets = {
    ...named(random, cast, "alias", "app-secrets", ["us-east-1", "us-east-2", "us-west-2"]),
    rotation: true,
  };
  const sharedConfig = named(random, cast, "alias", "shared-config", [
    "eu-central-1",
    "eu-west-1",
    "us-east-1",
  ]);

  return {
    paymentsLedger: named(random, cast, "multi-region", "payments-ledger", [
      "us-east-1",
      "eu-west-1",
    ]),
    paymentsCards: named(random, cast, "multi-region", "payments-cards", [
      "us-east-1",
      "eu-west-1",
      "ap-northeast-1",
    ]),
    customerPiiEu,
    hrRecordsEu,
    xssProbe,
    legacySessions: named(random, cast, "multi-region", "legacy-sessions", [
      "us-west-2",
      "us-east-1",
      "ca-central-1",
    ]),
    legacyReports,
    legacyExports,
    byokArchive,
    signingRsa,
    documentRsa,
    appSecrets,
    xssAlias,
    sharedConfig,
  };
}

export interface SecondAccountFamilies {
  ledger: FamilySpec;
  telemetry: FamilySpec;
  serviceConfig: FamilySpec;
  partnerExchange: FamilySpec;
}

export function planSecondAccountFamilies(random: Random, cast: Cast): SecondAccountFamilies {
  const plan = (kind: FamilySpec["kind"], name: string, regions: string[]): FamilySpec => ({
    ...planFamily(random, {
      account: SECOND_ACCOUNT,
      kind,
      name,
      regions,
      creator: cast.secondTerraform,
    }),
    parts: buildPolicyParts(name, { logs: true, s3: true }),
    grants: [buildWorkerGrant(SECOND_ACCOUNT, name)],
  });
  return {
    ledger: plan("multi-region", "ledger", ["us-east-1", "eu-west-1", "ap-southeast-2"]),
    telemetry: plan("multi-region", "telemetry", ["us-west-2", "us-east-1"]),
    serviceConfig: plan("alias", "service-config", ["us-east-1", "eu-west-1"]),
    partnerExchange: plan("multi-region", "partner-exchange", [
      "us-east-1",
      "eu-central-1",
      "ap-northeast-1",
    ]),
  };
}
