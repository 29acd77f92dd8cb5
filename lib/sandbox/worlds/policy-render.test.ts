import { describe, expect, it } from "vitest";
import { buildPolicyParts } from "./family-specs";
import { pickPolicyStyle, renderPolicy } from "./policy-render";
import { createRandom } from "./random";

interface Statement {
  Sid?: string;
  Principal: unknown;
  Condition?: unknown;
}

function statementsOf(policy: string): Statement[] {
  return (JSON.parse(policy) as { Statement: Statement[] }).Statement;
}

describe("renderPolicy", () => {
  const parts = buildPolicyParts("orders", {
    logs: true,
    s3: true,
    persistentGrants: true,
    denyDelete: true,
  });

  it("renders the same statements in every style, differing only in order, Sids, spacing and region", () => {
    const random = createRandom(7);
    const east = renderPolicy(
      parts,
      pickPolicyStyle(random, "key-policy-1"),
      "111122223333",
      "us-east-1",
    );
    const west = renderPolicy(
      parts,
      pickPolicyStyle(random, "key-policy-1"),
      "111122223333",
      "eu-west-1",
    );
    const normalize = (policy: string, region: string) =>
      statementsOf(policy.replaceAll(region, "<region>"))
        .map(({ Sid: _sid, ...rest }) => JSON.stringify(rest))
        .sort();
    expect(normalize(east, "us-east-1")).toEqual(normalize(west, "eu-west-1"));
    expect(west).toContain("logs.eu-west-1.amazonaws.com");
    expect(west).toContain("s3.eu-west-1.amazonaws.com");
    expect(west).toContain("arn:aws:logs:eu-west-1:111122223333:*");
  });

  it("is a function of the style: same style, same text", () => {
    const style = pickPolicyStyle(createRandom(3), "key-policy-1");
    expect(renderPolicy(parts, style, "1", "us-east-1")).toBe(
      renderPolicy([...parts].reverse(), style, "1", "us-east-1"),
    );
  });

  it("varies statement order and Sids across styles", () => {
    const random = createRandom(11);
    const texts = Array.from({ length: 12 }, () =>
      renderPolicy(parts, pickPolicyStyle(random, "p"), "1", "us-east-1"),
    );
    const orders = new Set(
      texts.map((t) =>
        statementsOf(t)
          .map((s) => JSON.stringify(s.Principal))
          .join("|"),
      ),
    );
    const sids = new Set(
      texts.map((t) =>
        statementsOf(t)
          .map((s) => s.Sid ?? "")
          .join("|"),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
    expect(sids.size).toBeGreaterThan(1);
  });
});

describe("createRandom", () => {
  it("repeats for a seed and differs across seeds", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const draw = (r: ReturnType<typeof createRandom>) =>
      Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
  });
});
