/**
 * Differential test against @cloud-copilot/iam-simulate, an IAM evaluator nobody on this team wrote
 * (AGPL: a devDependency for this test only). For 300 generated pairs (seeded): every witness is
 * confirmed by the simulator, and on a sample of requests per pair (class representatives and
 * random requests) the simulator's decisions agree with the verdict and the delta.
 *
 * Where the simulator's model differs from AWS's documentation the generator or the request is
 * restricted, never this module (see lib/policy/README.md, "Differential test"):
 * - the root user: IAM identity policies do not govern it, so it is simulated with an allow-all
 *   identity policy in both worlds;
 * - kms:Encapsulate / kms:Decapsulate are newer than the simulator's action data (it answers
 *   "invalid.action"): their witnesses are replayed with this module's evaluator only;
 * - the simulator ignores kms:EncryptionContext:<key> context keys (it only resolves `/`-templated
 *   keys): the generator leaves them out here (`simulatorSafe`); the corpus covers them;
 * - the simulator does not derive principal keys (aws:PrincipalArn, kms:CallerAccount…): the test
 *   passes them, as KMS would put them in the request context.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";
import type { PolicyDocument } from "../domain/key-record";
import { comparePolicies } from "./compare";
import { availability } from "./condition-keys";
import { keyArn, type KeyPlace } from "./compile";
import { KEY_POLICY_ACTIONS } from "./kms-facts";
import { principalArn, principalType } from "./principals";
import { evaluateRequest, requestPrincipal } from "./replay";
import type { WireRequest } from "../domain/policy-evidence";
import { A, B, C, generatePair, KEY_ID, pick, R1, R2, type Rng, rng } from "./testing/generate";

const PAIRS = 300;
const UNKNOWN_TO_SIMULATOR = new Set(["kms:Encapsulate", "kms:Decapsulate"]);
const SIMULATED_ACTIONS = KEY_POLICY_ACTIONS.filter((a) => !UNKNOWN_TO_SIMULATOR.has(a));
const SAMPLE = 24;
const place = (region: string): KeyPlace => ({
  partition: "aws",
  account: A,
  region,
  keyId: KEY_ID,
});
const ALLOW_ALL = {
  name: "allow-all",
  policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
};

/** The request context KMS would build: the request's own keys plus those the principal determines. */
function simulatorContext(req: WireRequest, where: KeyPlace): Record<string, string | string[]> {
  const p = requestPrincipal(req, where);
  const ctx: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(req.context)) {
    if (availability(k.toLowerCase(), req.action, p, where).kind === "free") ctx[k] = v;
  }
  const derived: Record<string, string | undefined> = {
    "aws:PrincipalArn": principalArn(p, "aws"),
    "aws:PrincipalAccount": p.account,
    "aws:PrincipalType": principalType(p),
    "aws:PrincipalIsAWSService": p.kind === "service" ? "true" : "false",
    "aws:PrincipalServiceName": p.kind === "service" ? req.principal : undefined,
    "aws:RequestedRegion": where.region,
    "kms:CallerAccount": p.account,
  };
  for (const [k, v] of Object.entries(derived)) {
    if (v === undefined) continue;
    const a = availability(k.toLowerCase(), req.action, p, where);
    if (a.kind === "fixed") ctx[k] = v;
  }
  return ctx;
}

async function simulate(
  policy: PolicyDocument,
  where: KeyPlace,
  req: WireRequest,
): Promise<boolean> {
  const root = /:root$/.test(req.principal);
  const result = await runSimulation(
    {
      identityPolicies: req.callerIam === "grants-everything" || root ? [ALLOW_ALL] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policy,
      request: {
        principal: req.principal,
        action: req.action,
        resource: { resource: keyArn(where), accountId: where.account },
        contextVariables: simulatorContext(req, where),
      },
    },
    { simulationMode: "Strict" },
  );
  if (result.resultType === "error")
    throw new Error(
      `simulator rejected the request: ${JSON.stringify(result.errors).slice(0, 500)}`,
    );
  return result.overallResult === "Allowed";
}

const CALLERS = [
  `arn:aws:sts::${A}:assumed-role/app/s1`,
  `arn:aws:sts::${A}:assumed-role/app/batch`,
  `arn:aws:sts::${A}:assumed-role/ops/s1`,
  `arn:aws:sts::${A}:assumed-role/app-reader/s1`,
  `arn:aws:sts::${A}:assumed-role/other/s1`,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:iam::${A}:root`,
  `arn:aws:sts::${B}:assumed-role/ext/s1`,
  `arn:aws:sts::${B}:assumed-role/ops/s1`,
  `arn:aws:iam::${B}:root`,
  `arn:aws:sts::${C}:assumed-role/ops/s1`,
  `arn:aws:iam::${C}:user/carol`,
];

const VALUES: Record<string, (r: Rng, region: string) => string | string[]> = {
  "kms:ViaService": (r, region) =>
    pick(r, [
      `s3.${region}.amazonaws.com`,
      `ec2.${region}.amazonaws.com`,
      "s3.ap-south-1.amazonaws.com",
      "lambda.x.amazonaws.com",
    ]),
  "aws:PrincipalOrgID": (r) => pick(r, ["o-abc123", "o-zzz"]),
  "kms:EncryptionContextKeys": (r) => pick(r, [[], ["dept"], ["dept", "app"], ["app-x"], ["zz"]]),
  "kms:GrantIsForAWSResource": (r) => pick(r, ["true", "false"]),
  "aws:SecureTransport": (r) => pick(r, ["true", "false"]),
  "aws:SourceIp": (r) => pick(r, ["10.1.2.3", "192.168.1.1", "8.8.8.8"]),
  "aws:CurrentTime": (r) => pick(r, ["2029-06-01T00:00:00Z", "2031-06-01T00:00:00Z"]),
  "kms:ScheduleKeyDeletionPendingWindowInDays": (r) => pick(r, ["7", "30"]),
  "kms:EncryptionAlgorithm": (r) => pick(r, ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_256"]),
};

/** A random request, as sent to the key in `region`. */
function randomRequest(r: Rng, region: string): WireRequest {
  const principal = pick(r, [
    ...CALLERS,
    `logs.${region}.amazonaws.com`,
    "logs.ap-south-1.amazonaws.com",
  ]);
  const context: WireRequest["context"] = {};
  const absent: string[] = [];
  for (const [k, gen] of Object.entries(VALUES)) {
    if (r() < 0.3) absent.push(k);
    else context[k] = gen(r, region);
  }
  const role = /assumed-role\/([^/]+)\//.exec(principal);
  return {
    principal,
    ...(role ? { principalArn: `arn:aws:iam::${principal.split(":")[4]}:role/${role[1]}` } : {}),
    action: pick(r, SIMULATED_ACTIONS),
    context,
    absent,
    callerIam: r() < 0.5 ? "grants-nothing" : "grants-everything",
  };
}

/** The same request sent to the reference key: its own-region names follow the key. */
function toReference(req: WireRequest): WireRequest {
  const swap = (v: string): string => v.split(R2).join(R1);
  const context: WireRequest["context"] = {};
  for (const [k, v] of Object.entries(req.context))
    context[k] = typeof v === "string" ? swap(v) : v.map(swap);
  return { ...req, principal: swap(req.principal), context };
}

const CHUNKS = 6;
const PER_CHUNK = PAIRS / CHUNKS;

describe("the comparison against @cloud-copilot/iam-simulate", () => {
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    it(
      `pairs ${chunk * PER_CHUNK + 1}–${(chunk + 1) * PER_CHUNK}`,
      { timeout: 240_000 },
      async () => {
        for (let seed = chunk * PER_CHUNK + 1; seed <= (chunk + 1) * PER_CHUNK; seed++) {
          const pair = generatePair(seed, { simulatorSafe: true });
          const ref = { policy: pair.reference, place: place(R1) };
          const act = { policy: pair.actual, place: place(R2) };
          const result = comparePolicies(ref, act);
          const label = `seed ${seed} (${pair.steps.join(", ")}): ${result.verdict}`;
          expect(result.verdict, `${label} ${JSON.stringify(result.undecidable)}`).not.toBe(
            "undecidable",
          );
          // Every witness: the simulator allows and denies exactly as the delta claims.
          for (const e of result.delta) {
            if (UNKNOWN_TO_SIMULATOR.has(e.action)) {
              expect(evaluateRequest(act.policy, act.place, e.witness.request).decision).toBe(
                e.actual.decision,
              );
              continue;
            }
            expect(
              await simulate(act.policy, act.place, e.witness.request),
              `${label} actual ${JSON.stringify(e.witness.request)}`,
            ).toBe(e.actual.decision === "allow");
            expect(
              await simulate(ref.policy, ref.place, e.witness.referenceRequest),
              `${label} reference ${JSON.stringify(e.witness.referenceRequest)}`,
            ).toBe(e.reference.decision === "allow");
          }
          // A sample: the witnesses' principals with random contexts, and random requests.
          const r = rng(seed * 7919);
          const sample: WireRequest[] = [];
          for (let i = 0; i < SAMPLE; i++) {
            const base = randomRequest(r, R2);
            const simulated = result.delta.filter((d) => !UNKNOWN_TO_SIMULATOR.has(d.action));
            const w =
              simulated.length > 0 && i % 3 === 0 ? pick(r, simulated).witness.request : undefined;
            sample.push(
              w
                ? {
                    ...base,
                    principal: w.principal,
                    ...(w.principalArn ? { principalArn: w.principalArn } : {}),
                    action: w.action,
                  }
                : base,
            );
          }
          for (const req of sample) {
            const onAct = await simulate(act.policy, act.place, req);
            const onRef = await simulate(ref.policy, ref.place, toReference(req));
            // This module's evaluator agrees with the simulator, request by request.
            expect(
              evaluateRequest(act.policy, act.place, req).decision === "allow",
              `${label} evaluator actual ${JSON.stringify(req)}`,
            ).toBe(onAct);
            expect(
              evaluateRequest(ref.policy, ref.place, toReference(req)).decision === "allow",
              `${label} evaluator reference`,
            ).toBe(onRef);
            if (onAct === onRef) continue;
            const change = onAct ? "gained" : "lost";
            expect(
              result.verdict,
              `${label}: the simulator finds a ${change} request ${JSON.stringify(req)}`,
            ).not.toBe("equal");
            expect(result.verdict).not.toBe(change === "gained" ? "narrower" : "wider");
            expect(
              result.delta.some((d) => d.change === change && d.action === req.action),
              `${label}: no ${change} entry for ${req.action}`,
            ).toBe(true);
          }
        }
      },
    );
  }
});
