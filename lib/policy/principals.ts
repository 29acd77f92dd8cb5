/** Who makes a request, as far as a key policy can tell principals apart. */
type PrincipalKind = "root" | "user" | "role-session" | "federated-user" | "service";

export interface RequestPrincipal {
  kind: PrincipalKind;
  /** 12-digit account id (every kind but `service`). */
  account?: string;
  /** `root`, `user/path/name`, `role/path/name` (the session's role), `federated-user/name`. */
  resource?: string;
  /** Role session name (`role-session` only). */
  session?: string;
  /** Service principal name, e.g. `logs.eu-west-1.amazonaws.com` (`service` only). */
  service?: string;
}

/** The last path segment of `role/path/name`. */
export function roleName(resource: string): string {
  return resource.slice(resource.lastIndexOf("/") + 1);
}

/** `aws:PrincipalArn`: the role's ARN for a role session, else the caller's own ARN. */
export function principalArn(p: RequestPrincipal, partition: string): string | undefined {
  if (p.kind === "service") return undefined;
  const service = p.kind === "federated-user" ? "sts" : "iam";
  return `arn:${partition}:${service}::${p.account}:${p.resource}`;
}

/** The ARN of the identity that signs the request (the session ARN for a role session). */
export function callerArn(p: RequestPrincipal, partition: string): string {
  if (p.kind === "service") return p.service ?? "";
  if (p.kind === "role-session") {
    return `arn:${partition}:sts::${p.account}:assumed-role/${roleName(p.resource ?? "")}/${p.session}`;
  }
  return principalArn(p, partition) ?? "";
}

/** `aws:PrincipalType` values for IAM principals (global condition keys reference). */
export function principalType(p: RequestPrincipal): string | undefined {
  switch (p.kind) {
    case "root":
      return "Account";
    case "user":
      return "User";
    case "role-session":
      return "AssumedRole";
    case "federated-user":
      return "FederatedUser";
    default:
      return undefined;
  }
}

/** A request principal from a caller ARN or a service name (the form witnesses are written in). */
export function parseCaller(text: string): RequestPrincipal | null {
  const sts = /^arn:[^:]+:sts::(\d{12}):assumed-role\/(.+)\/([^/]+)$/.exec(text);
  if (sts) {
    return { kind: "role-session", account: sts[1], resource: `role/${sts[2]}`, session: sts[3] };
  }
  const fed = /^arn:[^:]+:sts::(\d{12}):(federated-user\/[^/]+)$/.exec(text);
  if (fed) return { kind: "federated-user", account: fed[1], resource: fed[2] };
  const iam = /^arn:[^:]+:iam::(\d{12}):(root|user\/.+)$/.exec(text);
  if (iam) return { kind: iam[2] === "root" ? "root" : "user", account: iam[1], resource: iam[2] };
  if (!text.startsWith("arn:")) return { kind: "service", service: text };
  return null;
}
