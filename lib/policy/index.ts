/** Key policies judged by what they allow: the public surface of lib/policy. */
export { comparePolicies, type PolicyComparison, type PolicySide } from "./compare";
export { type KeyPlace } from "./compile";
export { evaluateRequest, type Replay } from "./replay";
export {
  deltaEntrySchema,
  type DeltaEntry,
  type SideExplanation,
  verdictSchema,
  type Verdict,
  wireRequestSchema,
  type WireRequest,
} from "./schemas";
