import type { PolicyPart, PolicyStatement } from "./policy-parts";
import type { Random } from "./random";

/** How one region's copy of a policy is written: statement order, Sid naming and indentation. */
export interface PolicyStyle {
  orderSalt: number;
  sidStyle: "readable" | "pascal" | "numbered" | "none";
  indent: 0 | 2 | 4;
  policyId: string;
}

export function pickPolicyStyle(random: Random, policyId: string): PolicyStyle {
  return {
    orderSalt: random.int(0, 0x7fffffff),
    sidStyle: random.pick(["readable", "pascal", "numbered", "none"] as const),
    indent: random.pick([0, 2, 4] as const),
    policyId,
  };
}

/** FNV-1a: a cheap, stable hash for ordering and ids derived from names. */
export function hashText(text: string, salt: number): number {
  let h = salt ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function renderSid(part: PolicyPart, style: PolicyStyle, index: number): string | undefined {
  if (part.fixedSid !== undefined) return part.fixedSid;
  switch (style.sidStyle) {
    case "readable":
      return part.sid;
    case "pascal":
      return part.sid
        .replace(/[^A-Za-z0-9 ]/g, "")
        .replace(/(?:^| )(\w)/g, (_m, c: string) => c.toUpperCase());
    case "numbered":
      return `Stmt${1000 + index}`;
    case "none":
      return undefined;
  }
}

/** The policy text for one region; the order is a function of the style, not of insertion. */
export function renderPolicy(
  parts: readonly PolicyPart[],
  style: PolicyStyle,
  account: string,
  region: string,
): string {
  const ordered = parts
    .map((part) => ({ part, rank: hashText(part.key, style.orderSalt) }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ part }) => part);
  const statements: PolicyStatement[] = ordered.map((part, index) => {
    const sid = renderSid(part, style, index);
    return { ...(sid === undefined ? {} : { Sid: sid }), ...part.render(account, region) };
  });
  const document = { Version: "2012-10-17", Id: style.policyId, Statement: statements };
  return style.indent === 0
    ? JSON.stringify(document)
    : JSON.stringify(document, null, style.indent);
}
