import type { KeyRecord } from "../domain/key-record";
import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { comparablePairs } from "./readable";
import { createAliasCommand, deleteAliasCommand } from "./remediation";

function aliasSet(record: KeyRecord, view: FamilyView): Set<string> {
  const names = new Set(record.aliases);
  // An alias family is made of the keys that carry its alias: present by definition.
  if (view.family.kind === "alias") names.add(view.family.name);
  return names;
}

/** Aliases compared as name sets against the reference. */
export function detectAliasDrift(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "aliases")) {
    const expected = aliasSet(reference, view);
    const present = aliasSet(actual, view);
    const missing = [...expected].filter((a) => !present.has(a)).sort();
    const extra = [...present].filter((a) => !expected.has(a)).sort();
    const region = actual.region;
    if (missing.length > 0) {
      out.push({
        property: "aliases",
        region,
        keyId: actual.keyId,
        title: `${missing.join(", ")} missing in ${region}`,
        expected: [...expected].sort(),
        actual: [...present].sort(),
        detail: { rule: "alias-missing", missing },
        remediation: missing.map((a) => createAliasCommand(region, actual.keyId, a)),
        what: `missing:${missing.join(",")}`,
      });
    }
    if (extra.length > 0) {
      out.push({
        property: "aliases",
        region,
        keyId: actual.keyId,
        title: `${extra.join(", ")} in ${region} only`,
        expected: [...expected].sort(),
        actual: [...present].sort(),
        detail: { rule: "alias-extra", extra },
        remediation: extra.map((a) => deleteAliasCommand(region, a)),
        what: `extra:${extra.join(",")}`,
      });
    }
  }
  return out;
}
