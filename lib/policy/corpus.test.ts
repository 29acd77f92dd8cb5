import { describe, expect, it } from "vitest";
import { comparePolicies } from "./compare";
import { A, type CorpusCase, KEY_ID } from "./corpus/builders";
import { CORPUS } from "./corpus/cases";
import { evaluateRequest } from "./replay";
import type { DeltaEntry } from "../domain/policy-evidence";
import { MIRROR_VERDICT } from "./testing/generate";

/** The same pair read the other way round: the verdict and every delta entry flip. */
function mirrored(c: CorpusCase): CorpusCase {
  return {
    ...c,
    name: `${c.name} (reversed)`,
    reference: c.actual,
    actual: c.reference,
    verdict: MIRROR_VERDICT[c.verdict],
    delta: c.delta.map((d) => ({ ...d, change: d.change === "gained" ? "lost" : "gained" })),
  };
}

const place = (region: string) => ({ partition: "aws", account: A, region, keyId: KEY_ID });
const doc = (statements: CorpusCase["reference"]["statements"]) => ({
  Version: "2012-10-17",
  Statement: statements,
});

function descriptor(e: DeltaEntry): string {
  const p = e.principal;
  const account = p.kind === "service" ? "-" : p.accountNamed ? p.account : "other";
  return `${e.change} ${p.kind}|${account}|${p.named ?? "unnamed"} ${e.action}`;
}

const cases = CORPUS.flatMap((c) => [c, mirrored(c)]);

describe("the hand-written corpus", () => {
  it("holds at least 100 pairs, every class of the issue in both directions", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const reference = { policy: doc(c.reference.statements), place: place(c.reference.region) };
    const actual = { policy: doc(c.actual.statements), place: place(c.actual.region) };
    const result = comparePolicies(reference, actual);
    expect(result.verdict, JSON.stringify(result.undecidable ?? result.delta.map(descriptor))).toBe(
      c.verdict,
    );
    const expected = new Set(
      c.delta.flatMap((d) => d.who.flatMap((w) => d.actions.map((a) => `${d.change} ${w} ${a}`))),
    );
    expect(new Set(result.delta.map(descriptor))).toEqual(expected);
    // Every witness replays to the claimed decisions on both keys.
    for (const e of result.delta) {
      const onActual = evaluateRequest(actual.policy, actual.place, e.witness.request);
      const onReference = evaluateRequest(
        reference.policy,
        reference.place,
        e.witness.referenceRequest,
      );
      expect(onActual.decision).toBe(e.actual.decision);
      expect(onReference.decision).toBe(e.reference.decision);
      expect(e.change === "gained" ? onActual.decision : onReference.decision).toBe("allow");
    }
  });
});
