import type { RegionKey } from "../state/model";
import { SandboxError } from "../types";
import { invalidState, kmsError, unsupported } from "./errors";

/**
 * The key-state × operation matrix (docs/aws-facts.md#key-states), with
 * its exact messages. `Unavailable` (custom key stores) never occurs in the sandbox.
 */
type Rule =
  | "ok"
  | "crypto"
  | "enableDisable"
  | "rotation"
  | "schedule"
  | "manage"
  | "cancel"
  | "createAlias"
  | "replicate";

const RULES: Record<string, Rule> = {
  CancelKeyDeletion: "cancel",
  CreateAlias: "createAlias",
  CreateGrant: "crypto",
  Encrypt: "crypto",
  Decrypt: "crypto",
  GenerateDataKey: "crypto",
  UpdatePrimaryRegion: "crypto",
  ReplicateKey: "replicate",
  EnableKey: "enableDisable",
  DisableKey: "enableDisable",
  EnableKeyRotation: "rotation",
  DisableKeyRotation: "rotation",
  ScheduleKeyDeletion: "schedule",
  TagResource: "manage",
  UntagResource: "manage",
  UpdateKeyDescription: "manage",
};

export function assertKeyState(operation: string, key: RegionKey): void {
  const rule = RULES[operation] ?? "ok";
  const error = checkRule(rule, key);
  if (error) throw error;
}

function pendingText(key: RegionKey): string {
  return key.state === "PendingReplicaDeletion"
    ? "is pending replica deletion."
    : "is pending deletion.";
}

function isPending(key: RegionKey): boolean {
  return key.state === "PendingDeletion" || key.state === "PendingReplicaDeletion";
}

function checkRule(rule: Rule, key: RegionKey): SandboxError | undefined {
  const arn = key.arn;
  const { state } = key;
  if (rule === "ok") return undefined;
  if (rule === "cancel")
    return isPending(key) ? undefined : invalidState(`${arn} is not pending deletion.`);
  if (isPending(key)) return invalidState(`${arn} ${pendingText(key)}`);
  if (rule === "createAlias" || rule === "manage") return undefined;
  if (rule === "schedule")
    return state === "Updating" ? invalidState(`${arn} is updating.`) : undefined;
  if (rule === "rotation" && state === "PendingImport") {
    return unsupported(`${arn} origin is EXTERNAL which is not valid for this operation.`);
  }
  if (state === "PendingImport") return invalidState(`${arn} is pending import.`);
  if (state === "Creating") return invalidState(`${arn} is creating.`);
  if (state === "Updating") {
    return rule === "enableDisable" || rule === "replicate"
      ? invalidState(`${arn} is updating.`)
      : undefined;
  }
  if (state === "Disabled" && rule !== "enableDisable")
    return kmsError("DisabledException", `${arn} is disabled.`);
  return undefined;
}
