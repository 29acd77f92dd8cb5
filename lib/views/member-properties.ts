import type { KeyRecord } from "../domain/key-record";
import { describeLastUse } from "../drift/last-use";

export interface PropertyRow {
  property: string;
  /** One value per member column (null: not readable). */
  values: (string | null)[];
  /** Whether each value differs from the reference column's. */
  differs: boolean[];
}

function rotationText(r: KeyRecord["rotation"]): string | null {
  if (!r) return null;
  return r.enabled ? `every ${r.periodDays ?? 365} days` : "off";
}

function grantsText(record: KeyRecord): string | null {
  if (!record.grants) return null;
  if (record.grants.length === 0) return "none";
  return record.grants
    .map((g) => `${g.granteePrincipal}: ${g.operations.join(", ")}`)
    .sort()
    .join("\n");
}

function statementsText(record: KeyRecord): string | null {
  if (!record.policy) return null;
  const statements = Array.isArray(record.policy.Statement)
    ? record.policy.Statement
    : [record.policy.Statement];
  return `${statements.length} statement${statements.length === 1 ? "" : "s"}`;
}

const READERS: [string, (r: KeyRecord) => string | null][] = [
  ["State", (r) => r.metadata.KeyState],
  ["Description", (r) => r.metadata.Description],
  ["Key spec", (r) => r.metadata.KeySpec],
  ["Key usage", (r) => r.metadata.KeyUsage],
  ["Origin", (r) => r.metadata.Origin],
  ["Rotation", (r) => rotationText(r.rotation)],
  ["Aliases", (r) => (r.aliases === null ? null : [...r.aliases].sort().join("\n") || "none")],
  [
    "Tags",
    (r) =>
      r.tags
        ? Object.entries(r.tags)
            .map(([k, v]) => `${k}=${v}`)
            .sort()
            .join("\n") || "none"
        : null,
  ],
  ["Grants", grantsText],
  ["Key policy", statementsText],
  ["Last use", describeLastUse],
];

/** Rows shown side by side but never flagged: each region tracks its own last use. */
const NOT_COMPARED = new Set(["Last use"]);

/** Each property of each member side by side, flagged where it differs from the reference column. */
export function compareMemberProperties(
  records: (KeyRecord | null)[],
  referenceIndex: number,
): PropertyRow[] {
  return READERS.map(([property, read]) => {
    const values = records.map((r) => (r ? read(r) : null));
    const reference = values[referenceIndex] ?? null;
    return {
      property,
      values,
      differs: values.map(
        (v, i) =>
          !NOT_COMPARED.has(property) &&
          i !== referenceIndex &&
          v !== null &&
          reference !== null &&
          v !== reference,
      ),
    };
  });
}
