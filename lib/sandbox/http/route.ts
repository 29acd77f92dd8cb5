import type { SandboxService } from "../types";

/**
 * The service behind an `X-Amz-Target` prefix (both CloudTrail spellings: docs/aws-facts.md#wire).
 */
const TARGET_PREFIXES: Record<string, SandboxService> = {
  TrentService: "kms",
  CloudTrail_20131101: "cloudtrail",
  "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101": "cloudtrail",
};

export interface JsonRoute {
  service?: SandboxService;
  /** The text after the last `.` (moto and AWS route the same way). */
  operation: string;
}

export function routeTarget(target: string | undefined): JsonRoute {
  if (!target) return { operation: "" };
  const dot = target.lastIndexOf(".");
  if (dot < 0) return { operation: target };
  return { service: TARGET_PREFIXES[target.slice(0, dot)], operation: target.slice(dot + 1) };
}
