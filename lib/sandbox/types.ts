import type { OrganizationDefinition } from "./organizations/model";

/**
 * Contracts between the parts of the sandbox: the core (state + KMS/CloudTrail/STS operations +
 * HTTP server), the world builders, and the fault injector. Each part is written against these.
 */

export type SandboxService = "kms" | "cloudtrail" | "sts" | "organizations";

/** Who calls, where and when. The HTTP server derives it from SigV4; world builders construct it. */
export interface CallContext {
  account: string;
  region: string;
  accessKeyId: string;
  /** IAM ARN of the caller, e.g. `arn:aws:iam::111122223333:user/alice` or an assumed-role ARN. */
  principalArn: string;
  /** For assumed roles, the role ARN (`arn:aws:iam::…:role/audit`), used for CloudTrail's sessionIssuer. */
  roleArn?: string;
  /** When the call happens; world builders pass simulated past times. Defaults to now. */
  time?: Date;
  sourceIp?: string;
  userAgent?: string;
}

/** An AWS-shaped error: what the HTTP server turns into `{__type, message|Message, …fields}`. */
export class SandboxError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Further modeled members of the error (Organizations' `Reason`). */
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = type;
  }
}

/** What world builders and tests drive: the same operations the HTTP server dispatches to. */
export interface SandboxApi {
  /** Runs one operation as AWS would (validation, key-state rules, CloudTrail recording). Throws SandboxError. */
  call(service: SandboxService, operation: string, input: unknown, ctx: CallContext): unknown;
  /**
   * Records a CloudTrail event directly (e.g. read events at volume) without running an operation.
   * A successful cryptographic event also counts as the key's last use (GetKeyLastUsage).
   */
  recordEvent(event: RecordedEventInput): void;
  /**
   * KMS began tracking last usage at `at`: earlier uses are not recorded, and keys created before
   * it report it as their TrackingStartDate. Without a call, tracking has always been on.
   */
  startUsageTracking(at: Date): void;
  /** The account the sandbox treats as default (callers whose access key id is not mapped). */
  readonly defaultAccount: string;
  /** Who an access key id is: mapped keys (flags, AssumeRole results) or the default user identity. */
  resolveAccessKey(accessKeyId: string): Identity;
  /** Maps an access key id to an identity (used by STS AssumeRole and the account-map flag). */
  registerAccessKey(accessKeyId: string, identity: Identity): void;
  /** Declares an IAM role that STS AssumeRole may (or may not) assume. */
  defineRole(role: RoleDefinition): void;
  getRole(roleArn: string): RoleDefinition | undefined;
  /** Makes the sandbox serve this AWS Organization (one per sandbox; accounts outside it are in none). */
  defineOrganization(definition: OrganizationDefinition): void;
}

export interface Identity {
  account: string;
  principalArn: string;
  roleArn?: string;
}

export interface RoleDefinition {
  arn: string;
  account: string;
  /** Account ids whose callers may assume it; empty means nobody (AccessDenied). */
  trustedAccounts: string[];
  externalId?: string;
}

export interface RecordedEventInput {
  ctx: CallContext;
  eventName: string;
  readOnly: boolean;
  requestParameters: unknown;
  responseElements?: unknown;
  /** Key ARNs the event touched (go into `resources`). */
  resourceArns: string[];
  errorCode?: string;
  errorMessage?: string;
}

/** What a world builder returns: the manifest served at `GET /_sandbox/world`. */
export interface WorldManifest {
  world: string;
  seed: number;
  /** The instant the world's history is anchored to (history runs up to it). */
  anchor: string;
  accounts: { id: string; accessKeyId: string; roleArn?: string; note?: string }[];
  enabledRegions: string[];
  notEnabledRegions: string[];
  /** Every planted difference, where and who planted it. */
  drifts: PlantedDrift[];
  /** Family ids (`<account>:<keyId>` / `<account>:alias/<name>`) planted fully in sync. */
  inSyncFamilies: string[];
  /**
   * In-sync families whose key policy in one region was rewritten to read differently and allow
   * the same (one per rewrite class): kms-drift must report nothing for them.
   */
  sameMeaning?: { familyId: string; region: string; rewrite: string }[];
  /** Counts for the record. */
  stats: Record<string, number>;
  /** The `org` world's AWS Organization, as planted (what discovery should find). */
  organization?: OrganizationManifest;
}

export interface OrganizationManifest {
  id: string;
  rootId: string;
  managementAccount: string;
  delegatedAdministrators: string[];
  /** The role kms-drift assumes in member accounts; absent in accounts with `hasRole: false`. */
  auditRoleName: string;
  units: { id: string; name: string; parentId: string }[];
  accounts: {
    id: string;
    name: string;
    parentId: string;
    state: string;
    hasRole: boolean;
    /** Customer keys planted in it. */
    keys: number;
    tags: Record<string, string>;
  }[];
}

export interface PlantedDrift {
  familyId: string;
  kind: "multi-region" | "alias" | "declared";
  keyId: string;
  account: string;
  /** The region that differs from its reference. */
  region: string;
  referenceRegion: string;
  /** One of the Finding properties (`FINDING_PROPERTIES` in lib/domain/finding.ts). */
  property: string;
  /** The severity the default rule table should give it. */
  expectedSeverity: "critical" | "high" | "medium" | "low" | "info";
  description: string;
  /** Who planted it and with which event (when CloudTrail still has it). */
  actor?: string;
  eventName?: string;
  eventTime?: string;
}

export interface WorldOptions {
  seed: number;
  /** The end of the world's history; same seed + same anchor ⇒ byte-identical world. */
  anchor: Date;
  /** For `large`: customer keys to create across the enabled regions. */
  keys?: number;
  /** Extra Encrypt/Decrypt/GenerateDataKey read events to add to the history. */
  readEvents?: number;
  /** For `org`: member accounts besides the management and delegated administrator accounts. */
  accounts?: number;
  /** For `org`: customer keys per active account (a quarter of it in the management account). */
  keysPerAccount?: number;
}

export type WorldBuilder = (api: SandboxApi, options: WorldOptions) => WorldManifest;

/** A decision the fault injector makes before an operation runs. */
export type FaultOutcome =
  | { kind: "pass"; delayMs?: number }
  | { kind: "error"; delayMs?: number; error: SandboxError }
  /** Destroy the connection without an HTTP answer (a region that is down). */
  | { kind: "drop" };

export interface FaultInjector {
  decide(request: {
    service: SandboxService;
    operation: string;
    region: string;
    account: string;
    /** The caller's IAM ARN, which AWS names in an AccessDenied message. */
    principal?: string;
  }): FaultOutcome;
}
