import type { DraftFinding } from "./draft-finding";
import type { FamilyView } from "./family-view";
import { comparablePairs } from "./readable";
import { tagResourceCommand, untagResourceCommand, updateDescriptionCommand } from "./remediation";

/** Description versus the reference. */
export function detectDescriptionDrift(view: FamilyView): DraftFinding[] {
  return comparablePairs(view, "metadata")
    .filter(
      ({ reference, actual }) => reference.metadata.Description !== actual.metadata.Description,
    )
    .map(({ reference, actual }) => ({
      property: "description",
      region: actual.region,
      keyId: actual.keyId,
      title: `description in ${actual.region} differs from ${reference.region}`,
      expected: reference.metadata.Description,
      actual: actual.metadata.Description,
      detail: { rule: "description" },
      remediation: [
        updateDescriptionCommand(actual.region, actual.keyId, reference.metadata.Description),
      ],
      what: JSON.stringify([reference.metadata.Description, actual.metadata.Description]),
    }));
}

/** Tags versus the reference: added, removed, changed values. */
export function detectTagDrift(view: FamilyView): DraftFinding[] {
  const out: DraftFinding[] = [];
  for (const { reference, actual } of comparablePairs(view, "tags")) {
    const expected = reference.tags ?? {};
    const present = actual.tags ?? {};
    const added = Object.keys(present)
      .filter((k) => !(k in expected))
      .sort();
    const removed = Object.keys(expected)
      .filter((k) => !(k in present))
      .sort();
    const changed = Object.keys(expected)
      .filter((k) => k in present && present[k] !== expected[k])
      .sort();
    if (added.length + removed.length + changed.length === 0) continue;
    const region = actual.region;
    const toSet = Object.fromEntries([...removed, ...changed].map((k) => [k, expected[k] ?? ""]));
    const parts = [
      added.length > 0 ? `${added.length} added` : "",
      removed.length > 0 ? `${removed.length} missing` : "",
      changed.length > 0 ? `${changed.length} changed` : "",
    ].filter(Boolean);
    out.push({
      property: "tags",
      region,
      keyId: actual.keyId,
      title: `tags in ${region} differ from ${reference.region}: ${parts.join(", ")}`,
      expected,
      actual: present,
      detail: {
        rule: "tags",
        // Every key named here is in the map it is read from.
        added: added.map((k) => ({ key: k, value: present[k] ?? "" })),
        removed: removed.map((k) => ({ key: k, value: expected[k] ?? "" })),
        changed: changed.map((k) => ({
          key: k,
          expected: expected[k] ?? "",
          actual: present[k] ?? "",
        })),
      },
      remediation: [
        ...(Object.keys(toSet).length > 0 ? [tagResourceCommand(region, actual.keyId, toSet)] : []),
        ...(added.length > 0 ? [untagResourceCommand(region, actual.keyId, added)] : []),
      ],
      what: JSON.stringify({ added, removed, changed: changed.map((k) => [k, present[k]]) }),
    });
  }
  return out;
}
