import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Grant } from "../domain/key-record";
import { compareGrants } from "./grants";

const ROLE = "arn:aws:iam::111122223333:role/worker";
const g = (over: Partial<Grant> = {}): Grant => ({
  grantId: Math.random().toString(16).slice(2),
  name: "",
  granteePrincipal: ROLE,
  operations: ["Decrypt", "Encrypt"],
  ...over,
});
const cmp = (reference: Grant[], actual: Grant[]) =>
  compareGrants(
    { grants: reference, region: "us-east-1" },
    { grants: actual, region: "eu-west-1" },
  );

// Semantics from the KMS grant docs: no constraint admits every request; EncryptionContextSubset
// admits a context that includes its pairs; EncryptionContextEquals admits exactly its map.
describe("grants by meaning", () => {
  it("ignores ids, names and how operations are split across grants", () => {
    expect(
      cmp(
        [g({ name: "a" })],
        [g({ operations: ["Decrypt"] }), g({ operations: ["Encrypt"], name: "b" })],
      ).verdict,
    ).toBe("equal");
  });

  it("an extra grant the reference already covers adds nothing", () => {
    const result = cmp(
      [g()],
      [
        g(),
        g({ operations: ["Decrypt"], constraints: { encryptionContextSubset: { dept: "it" } } }),
      ],
    );
    expect(result.verdict).toBe("equal");
  });

  it("EncryptionContextSubset is wider than EncryptionContextEquals on the same pairs, with a witness", () => {
    const equals = g({
      operations: ["Decrypt"],
      constraints: { encryptionContextEquals: { dept: "it" } },
    });
    const subset = g({
      operations: ["Decrypt"],
      constraints: { encryptionContextSubset: { dept: "it" } },
    });
    const result = cmp([equals], [subset]);
    expect(result.verdict).toBe("wider");
    expect(result.delta).toEqual([
      {
        change: "gained",
        principal: ROLE,
        operation: "Decrypt",
        witness: { encryptionContext: { dept: "it", "kms-drift-witness": "x" } },
        grantIds: [subset.grantId],
      },
    ]);
    expect(cmp([subset], [equals]).verdict).toBe("narrower");
  });

  it("a smaller subset constraint covers a larger one", () => {
    const loose = g({ constraints: { encryptionContextSubset: { dept: "it" } } });
    const tight = g({ constraints: { encryptionContextSubset: { dept: "it", app: "x" } } });
    expect(cmp([loose], [tight]).verdict).toBe("narrower");
    expect(cmp([tight], [loose]).verdict).toBe("wider");
  });

  it("a different retiring principal is gained by one and lost by the other", () => {
    const result = cmp(
      [g({ retiringPrincipal: ROLE })],
      [g({ retiringPrincipal: "arn:aws:iam::111122223333:role/ops" })],
    );
    expect(result.verdict).toBe("incomparable");
    expect(result.delta.map((d) => [d.change, d.operation])).toEqual([
      ["gained", "RetireGrant"],
      ["lost", "RetireGrant"],
    ]);
  });

  it("reads a regional service grantee in each key's own region", () => {
    const here = [g({ granteePrincipal: "logs.eu-west-1.amazonaws.com" })];
    const there = [g({ granteePrincipal: "logs.us-east-1.amazonaws.com" })];
    expect(cmp(there, here).verdict).toBe("equal");
  });

  it("does not depend on the order ListGrants returns grants in", () => {
    const principals = [
      ROLE,
      "arn:aws:iam::111122223333:role/batch",
      "logs.us-east-1.amazonaws.com",
    ];
    const grant = fc.record({
      grantId: fc.stringMatching(/^[0-9a-f]{8}$/),
      name: fc.constant(""),
      granteePrincipal: fc.constantFrom(...principals),
      operations: fc.subarray(["Decrypt", "Encrypt", "GenerateDataKey"], { minLength: 1 }),
      constraints: fc.option(
        fc.oneof(
          fc.record({
            encryptionContextSubset: fc.dictionary(
              fc.constantFrom("a", "b"),
              fc.constantFrom("1", "2"),
            ),
          }),
          fc.record({
            encryptionContextEquals: fc.dictionary(
              fc.constantFrom("a", "b"),
              fc.constantFrom("1", "2"),
            ),
          }),
        ),
        { nil: undefined },
      ),
    });
    const grants = fc.uniqueArray(grant, { maxLength: 5, selector: (x) => x.grantId });
    fc.assert(
      fc.property(grants, grants, fc.integer(), fc.integer(), (reference, actual, s1, s2) => {
        const clean = (gs: typeof reference): Grant[] =>
          gs.map(({ constraints, ...rest }) => (constraints ? { ...rest, constraints } : rest));
        const shuffled = (gs: Grant[], seed: number) =>
          [...gs].sort(
            (a, b) =>
              ((a.grantId.charCodeAt(0) * seed) % 7) - ((b.grantId.charCodeAt(0) * seed) % 7),
          );
        const once = cmp(clean(reference), clean(actual));
        const again = cmp(shuffled(clean(reference), s1), shuffled(clean(actual).reverse(), s2));
        expect(again).toEqual(once);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });
});
