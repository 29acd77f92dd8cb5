import type { AccountScan } from "../domain/account-scan";
import type { Family } from "../domain/family";
import type { Finding } from "../domain/finding";
import type { KeyRecord } from "../domain/key-record";
import type { RegionScan, Snapshot } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import type { RowArray } from "./snapshot-rows";
import { toStorableJson, type Replacement } from "./storable-json";

/**
 * One row array of a snapshot on its way into the store. Each element passes the storable-JSON
 * gate on its own, in order, when its batch is written (a 200,000-key snapshot is longer than V8's
 * longest string as one text, and holding every element's text at once doubled a save's memory).
 * The array is copied only when an element needed a replacement; every replacement is recorded
 * with its path from the snapshot's root, so the notes name the key, finding or event.
 */
export class StorableRows<T> {
  private copy: T[] | undefined;
  /** Elements before this index have been gated (their replacements recorded). */
  private gated = 0;
  /** Texts `gateAll` built, each handed out once by `text` instead of being built again. */
  private early: (string | undefined)[] = [];

  constructor(
    private readonly name: RowArray,
    private readonly original: readonly T[],
    private readonly found: Replacement[],
  ) {}

  get length(): number {
    return this.original.length;
  }

  /** Element `index` as it will read back. */
  element(index: number): T {
    return (this.copy ?? this.original)[index] as T;
  }

  /** The elements as they will read back: the original array unless one needed a replacement. */
  get stored(): readonly T[] {
    return this.copy ?? this.original;
  }

  /** Element `index`'s JSON text as the database will keep it; elements are gated in order. */
  text(index: number): string {
    if (index < this.gated) {
      const built = this.early[index];
      this.early[index] = undefined;
      return built ?? JSON.stringify(this.element(index));
    }
    this.claim(index);
    const gate = toStorableJson(this.original[index] as T);
    if (gate.replacements.length > 0) this.replaced(index, gate.value, gate.replacements);
    return gate.text;
  }

  /**
   * Element `index` gated in two texts: the element with `member` null, and the member's own text
   * (null when the member is null), so that a member many elements share can be stored once.
   * Gated in order, as `text` gates.
   */
  textApart(index: number, member: keyof T & string): { text: string; apart: string | null } {
    const element = this.original[index] as T;
    const value = element[member];
    if (value === null || value === undefined) return { text: this.text(index), apart: null };
    if (index < this.gated) throw new Error(`${this.name}: element ${index} gated twice`);
    this.claim(index);
    const rest = toStorableJson({ ...element, [member]: null });
    const apart = toStorableJson(value);
    const replacements = [
      ...rest.replacements,
      ...apart.replacements.map((r) => ({ ...r, path: [member, ...r.path] })),
    ];
    if (replacements.length > 0)
      this.replaced(index, { ...rest.value, [member]: apart.value }, replacements);
    return { text: rest.text, apart: apart.text };
  }

  private claim(index: number): void {
    if (index !== this.gated)
      throw new Error(`${this.name}: element ${index} gated before element ${this.gated}`);
    this.gated += 1;
  }

  /** Records element `index`'s replacements and keeps its stored value in the copy. */
  private replaced(index: number, stored: T, replacements: Replacement[]): void {
    for (const r of replacements) this.found.push({ ...r, path: [this.name, index, ...r.path] });
    this.copy ??= [...this.original];
    this.copy[index] = stored;
  }

  /**
   * Gates every element not gated yet (what is derived before the rows are written), keeping each
   * text until `text` asks for it.
   */
  gateAll(): void {
    for (let index = this.gated; index < this.original.length; index += 1)
      this.early[index] = this.text(index);
  }
}

export interface SnapshotRows {
  keys: StorableRows<KeyRecord>;
  families: StorableRows<Family>;
  findings: StorableRows<Finding>;
  events: StorableRows<TrailEvent>;
  regions: StorableRows<RegionScan>;
  accountScans: StorableRows<AccountScan>;
}

/** The snapshot's row arrays, each recording its replacements into `found`. */
export function snapshotRows(snapshot: Snapshot, found: Replacement[]): SnapshotRows {
  return {
    keys: new StorableRows("keys", snapshot.keys, found),
    families: new StorableRows("families", snapshot.families, found),
    findings: new StorableRows("findings", snapshot.findings, found),
    events: new StorableRows("events", snapshot.events, found),
    regions: new StorableRows("regions", snapshot.regions, found),
    accountScans: new StorableRows("accountScans", snapshot.accountScans ?? [], found),
  };
}

/**
 * The snapshot as it will read back: the stored header with each row array's stored elements
 * (`accountScans` stays absent when the scanned snapshot had none). Call once every array is gated.
 */
export function storedSnapshot(
  header: Record<string, unknown>,
  rows: SnapshotRows,
  hasAccountScans: boolean,
): Snapshot {
  return {
    ...header,
    keys: rows.keys.stored,
    families: rows.families.stored,
    findings: rows.findings.stored,
    events: rows.events.stored,
    regions: rows.regions.stored,
    ...(hasAccountScans ? { accountScans: rows.accountScans.stored } : {}),
  } as unknown as Snapshot;
}
