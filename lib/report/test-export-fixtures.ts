import type { Family } from "../domain/family";
import type { Snapshot } from "../domain/snapshot";
import type { TrailEvent } from "../domain/trail-event";
import { afterAll, beforeAll } from "vitest";
import { openStore } from "../store/store";
import {
  defaultFindings,
  FIXTURE_ACCOUNT,
  makeFinding,
  makeSnapshot,
} from "../store/test-fixtures";
import type { TestBackend } from "../store/test-store";

/** Test-only: snapshots that exercise every part of the bundle and the HTML report. */

function event(i: number): TrailEvent {
  return {
    eventId: `evt-${i}`,
    eventTime: `2026-11-20T10:${String(i).padStart(2, "0")}:00Z`,
    eventName: "PutKeyPolicy",
    region: "eu-west-1",
    account: FIXTURE_ACCOUNT,
    actor: "arn:aws:iam::111122223333:user/alice",
    keyIds: ["mrk-1234abcd"],
    // Bidi and bell characters (escaped in the file, raw in the digest) and a character outside the BMP.
    requestParameters: { policy: `p\u202e${i}\u0007 \u{1F511}`, z: 1, a: [i] },
  };
}

function aliasFamily(i: number): Family {
  return {
    id: `${FIXTURE_ACCOUNT}:alias/app-${i}`,
    kind: "alias",
    account: FIXTURE_ACCOUNT,
    name: `alias/app-${i}`,
    referenceRegion: "eu-west-1",
    members: [],
    flags: [],
  };
}

/**
 * Every array non-empty and longer than a page of 7: waived findings, a finding about a family the
 * snapshot does not hold, families in sync, keys whose properties could not be read, a storage note.
 */
export function fullSnapshot(id: string, startedAt: string, findingCount: number): Snapshot {
  const findings = [
    ...defaultFindings(),
    makeFinding({
      familyId: `${FIXTURE_ACCOUNT}:alias/gone`,
      property: "aliases",
      title: "Alias <b>gone</b>\u202e",
      what: "gone",
    }),
    ...Array.from({ length: findingCount }, (_, i) =>
      makeFinding({ property: "tags", region: "eu-west-1", what: `tag-${i}`, waived: i % 3 === 0 }),
    ),
  ];
  const base = makeSnapshot({ id, startedAt, extraKeys: 20, findings });
  return {
    ...base,
    accountScans: [{ account: FIXTURE_ACCOUNT, source: "caller", status: "ok" }],
    organization: { id: "o-abc", managementAccount: FIXTURE_ACCOUNT, roleName: "Audit" },
    keys: base.keys.map((key, i) =>
      i % 8 === 5
        ? {
            ...key,
            errors: [{ property: "policy", code: "AccessDeniedException", message: `denied ${i}` }],
          }
        : key,
    ),
    families: [...base.families, ...Array.from({ length: 9 }, (_, i) => aliasFamily(i))],
    events: Array.from({ length: 15 }, (_, i) => event(i)),
    storageNotes: ["keys[2].description: a lone surrogate replaced with U+FFFD"],
  };
}

/** A store of its own with two full snapshots saved, `b-1` then `b-2`. */
export async function storeWithFullSnapshots(backend: TestBackend) {
  const { env, dispose } = await backend.storeEnv();
  const store = await openStore({ env });
  await store.saveSnapshot(fullSnapshot("b-1", "2026-11-20T08:00:00.000Z", 12));
  await store.saveSnapshot(fullSnapshot("b-2", "2026-11-21T08:00:00.000Z", 16));
  return { env, store, dispose };
}

/** One such store for a describe block: opened before its tests, closed and removed after them. */
export function sharedStoreWithFullSnapshots(
  backend: TestBackend,
): () => Awaited<ReturnType<typeof storeWithFullSnapshots>> {
  let saved: Awaited<ReturnType<typeof storeWithFullSnapshots>> | undefined;
  beforeAll(async () => {
    saved = await storeWithFullSnapshots(backend);
  });
  afterAll(async () => {
    await saved?.store.close();
    await saved?.dispose();
  });
  return () => {
    if (!saved) throw new Error("the store is opened before the tests");
    return saved;
  };
}
