import type { KeyRecord, KeyState } from "../domain/key-record";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { comparablePairs } from "./readable";
import {
  cancelKeyDeletionCommand,
  disableKeyCommand,
  enableKeyCommand,
  scheduleKeyDeletionCommand,
} from "./remediation";
import type { DrawnDetailOf } from "../domain/finding-detail";

const TRANSIENT: ReadonlySet<KeyState> = new Set(["Creating", "Updating"]);
const PENDING_DELETION: ReadonlySet<KeyState> = new Set([
  "PendingDeletion",
  "PendingReplicaDeletion",
]);

type StateRule = DrawnDetailOf<"state">["rule"];

function ruleFor(ref: KeyState, act: KeyState): StateRule {
  if (TRANSIENT.has(ref) || TRANSIENT.has(act)) return "state-transient";
  if (ref === "Enabled") return "replica-unusable";
  if (act === "Enabled") return "reference-unusable";
  return "state-differs";
}

function remediationFor(ref: KeyRecord, act: KeyRecord): string[] {
  const region = act.region;
  const refState = ref.metadata.KeyState;
  const actState = act.metadata.KeyState;
  if (refState === "Enabled") {
    // CancelKeyDeletion leaves the key Disabled: it must be enabled afterwards.
    if (PENDING_DELETION.has(actState))
      return [cancelKeyDeletionCommand(region, act.keyId), enableKeyCommand(region, act.keyId)];
    if (actState === "Disabled") return [enableKeyCommand(region, act.keyId)];
    return [];
  }
  if (refState === "Disabled") {
    if (PENDING_DELETION.has(actState)) return [cancelKeyDeletionCommand(region, act.keyId)];
    if (actState === "Enabled") return [disableKeyCommand(region, act.keyId)];
    return [];
  }
  if (PENDING_DELETION.has(refState) && !PENDING_DELETION.has(actState)) {
    return [
      scheduleKeyDeletionCommand(region, act.keyId, ref.metadata.PendingDeletionWindowInDays ?? 30),
    ];
  }
  return [];
}

function meaning(rule: StateRule, ref: KeyRecord, act: KeyRecord): string {
  switch (rule) {
    case "replica-unusable":
      return `key in ${act.region} is ${act.metadata.KeyState} while ${ref.region} is Enabled: a failover to ${act.region} would fail`;
    case "reference-unusable":
      return `key in ${act.region} is Enabled while ${ref.region} is ${ref.metadata.KeyState}`;
    case "state-transient":
      return `key state is changing: ${ref.region} ${ref.metadata.KeyState}, ${act.region} ${act.metadata.KeyState}`;
    default:
      return `key in ${act.region} is ${act.metadata.KeyState}, ${ref.region} is ${ref.metadata.KeyState}`;
  }
}

/** Key state with its DR meaning. */
export function detectStateDrift(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "metadata")) {
    const refState = reference.metadata.KeyState;
    const actState = actual.metadata.KeyState;
    if (refState === actState) continue;
    const rule = ruleFor(refState, actState);
    out.push({
      property: "state",
      region: actual.region,
      keyId: actual.keyId,
      title: meaning(rule, reference, actual),
      expected: refState,
      actual: actState,
      detail: {
        rule,
        referenceState: refState,
        state: actState,
        ...(actual.metadata.DeletionDate ? { deletionDate: actual.metadata.DeletionDate } : {}),
      },
      remediation: remediationFor(reference, actual),
      what: `${refState}->${actState}`,
    });
  }
  return out;
}
