import type { PolicyDocument } from "../domain/key-record";
import { compilePolicy, type KeyPlace } from "./compile";
import { type Evaluation, evaluateCompiled } from "./evaluate";
import { parseCaller, type RequestPrincipal } from "./principals";
import type { WireRequest } from "../domain/policy-evidence";
import { symbolize } from "./symbols";

interface Replay extends Evaluation {
  /** Constructs of the policy this module does not decide; the decision is then not trustworthy. */
  undecidable: string[];
}

/** The request principal a witness names (the role ARN in `principalArn` keeps the role's path). */
export function requestPrincipal(request: WireRequest, place: KeyPlace): RequestPrincipal {
  const parsed = parseCaller(request.principal);
  if (!parsed) throw new Error(`not a principal this module models: ${request.principal}`);
  if (parsed.kind === "service")
    return { kind: "service", service: symbolize(parsed.service ?? "", place.region) };
  const role = /^arn:[^:]+:iam::\d{12}:(role\/.+)$/.exec(request.principalArn ?? "");
  if (parsed.kind === "role-session" && role) return { ...parsed, resource: role[1] as string };
  return parsed;
}

/** Replay one concrete request against one key policy with this module's own evaluator. */
export function evaluateRequest(
  policy: PolicyDocument,
  place: KeyPlace,
  request: WireRequest,
): Replay {
  const compiled = compilePolicy(policy, place);
  const context: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(request.context)) {
    context[k.toLowerCase()] =
      typeof v === "string" ? symbolize(v, place.region) : v.map((x) => symbolize(x, place.region));
  }
  for (const k of request.absent) delete context[k.toLowerCase()];
  const result = evaluateCompiled(compiled, {
    principal: requestPrincipal(request, place),
    action: request.action,
    context,
    callerIam: request.callerIam,
  });
  return { ...result, undecidable: compiled.reasons };
}
