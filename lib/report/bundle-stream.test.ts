import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../domain/snapshot";
import { openStore } from "../store/store";
import type { SnapshotStore } from "../store/store-types";
import { openTestClient, testBackends } from "../store/test-store";
import { sharedStoreWithFullSnapshots, storeWithFullSnapshots } from "./test-export-fixtures";
import { buildExportFile, loadExportInput, readBody, streamBundleExport } from "./export-file";
import { assessBundle } from "./verify-bundle";

const createdAt = new Date("2026-11-24T09:00:00.000Z");
const { privateKey: signingKey, publicKey } = generateKeyPairSync("ed25519");

async function wholeBundleText(store: SnapshotStore, id: string): Promise<string> {
  const input = await loadExportInput(store, id);
  if (!input) throw new Error(`no snapshot ${id}`);
  const file = buildExportFile("bundle", { ...input, signingKey, createdAt });
  return readBody(file.body);
}

async function streamedBundleText(
  store: SnapshotStore,
  id: string,
  pageSize: number,
  key: KeyObject | null = signingKey,
): Promise<string> {
  const file = await streamBundleExport(store, id, {
    createdAt,
    pageSize,
    ...(key ? { signingKey: key } : {}),
  });
  if (!file) throw new Error(`no snapshot ${id}`);
  expect(file.body).toBeInstanceOf(ReadableStream);
  return readBody(file.body);
}

describe.each(testBackends())("the evidence bundle streamed from rows on $name", (backend) => {
  const saved = sharedStoreWithFullSnapshots(backend);

  it.each([1, 7, 500])(
    "is the whole-snapshot bundle byte for byte, %i rows a page, and verifies",
    async (pageSize) => {
      const whole = await wholeBundleText(saved().store, "b-2");
      const streamed = await streamedBundleText(saved().store, "b-2", pageSize);
      expect(streamed).toBe(whole);
      const bundle = JSON.parse(streamed) as { parts: { snapshot: Snapshot; waivers: unknown[] } };
      // The fixture reached every array and the waivers part.
      const s = bundle.parts.snapshot;
      expect([s.keys.length, s.families.length, s.findings.length, s.events.length]).toEqual([
        23, 11, 22, 15,
      ]);
      expect(bundle.parts.waivers.length).toBeGreaterThan(0);
      expect(streamed).toContain("\\u202e");
      expect(assessBundle(bundle, { publicKeys: [publicKey] })).toEqual({
        status: "verified",
        signer: expect.stringMatching(/^SHA256:/) as unknown,
      });
    },
  );

  it("is the same unsigned, and for the first snapshot (no comparison)", async () => {
    const streamed = await streamedBundleText(saved().store, "b-1", 7, null);
    const input = await loadExportInput(saved().store, "b-1");
    if (!input) throw new Error("no snapshot b-1");
    expect(input.comparison).toBeNull();
    expect(streamed).toBe(await readBody(buildExportFile("bundle", { ...input, createdAt }).body));
    expect(assessBundle(JSON.parse(streamed))).toEqual({
      status: "integrity-only",
      signer: null,
    });
  });

  it("fails verify once a byte of a streamed row is changed", async () => {
    const streamed = await streamedBundleText(saved().store, "b-2", 7);
    const tampered = streamed.replace('"eventId": "evt-9"', '"eventId": "evt-8"');
    expect(tampered).not.toBe(streamed);
    expect(assessBundle(JSON.parse(tampered), { publicKeys: [publicKey] })).toEqual({
      status: "invalid",
      problems: ['part "snapshot" does not match its digest'],
    });
  });

  it("is null for a snapshot that is not stored", async () => {
    expect(await streamBundleExport(saved().store, "no-such-snapshot")).toBeNull();
  });
});

/** Each object's members in reverse order, at every depth. */
function reversedMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedMembers);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedMembers(v)]),
  );
}

describe.each(testBackends())("the streamed bundle and the stored rows on $name", (backend) => {
  it("digests do not depend on the member order a json column gives back", async () => {
    const { env, store, dispose } = await storeWithFullSnapshots(backend);
    try {
      const before = await streamedBundleText(store, "b-2", 7);
      await store.close();
      const client = await openTestClient(env);
      try {
        // Key, key policy and family documents are json (their text as written); the others jsonb.
        const second = "snapshot_id = 'b-2' and position = 1";
        for (const [table, where] of [
          ["snapshot_keys", `where ${second}`],
          [
            "snapshot_policies",
            `where snapshot_id = 'b-2' and policy_id = (select policy_id from snapshot_keys where ${second})`,
          ],
          ["snapshot_family_docs", `where ${second}`],
        ]) {
          const [row] = await client.query<{ doc: unknown }>(`select doc from ${table} ${where}`);
          const reversed = JSON.stringify(reversedMembers(row?.doc));
          expect(reversed).not.toBe(JSON.stringify(row?.doc));
          await client.query(`update ${table} set doc = $1::json ${where}`, [reversed]);
          const [stored] = await client.query<{ text: string }>(
            `select doc::text as text from ${table} ${where}`,
          );
          expect(stored?.text).toBe(reversed);
        }
      } finally {
        await client.close();
      }
      const reopened = await openStore({ env });
      try {
        const after = await streamedBundleText(reopened, "b-2", 7);
        // The file shows a free-form document (the key policy) as the column gives it back…
        expect(after).not.toBe(before);
        expect(after).toBe(await wholeBundleText(reopened, "b-2"));
        // …but the digests, and so the signature, are over canonical JSON.
        const manifestOf = (text: string) =>
          (JSON.parse(text) as { manifest: unknown; signature: unknown }).manifest;
        const signatureOf = (text: string) =>
          (JSON.parse(text) as { manifest: unknown; signature: unknown }).signature;
        expect(manifestOf(after)).toEqual(manifestOf(before));
        expect(signatureOf(after)).toEqual(signatureOf(before));
        expect(assessBundle(JSON.parse(after), { publicKeys: [publicKey] }).status).toBe(
          "verified",
        );
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  });

  it.each([
    [
      "an unreadable row: the field it fails at",
      "update snapshot_events set doc = jsonb_set(doc, '{eventName}', '7') where snapshot_id = 'b-2' and position = 9",
    ],
    [
      "a missing row: the count the header records",
      "delete from findings where snapshot_id = 'b-2' and position = 20",
    ],
  ])("refuses %s, as the whole read does, before the file starts", async (_what, sql) => {
    const { env, store, dispose } = await storeWithFullSnapshots(backend);
    try {
      await store.close();
      const client = await openTestClient(env);
      try {
        await client.query(sql);
      } finally {
        await client.close();
      }
      const reopened = await openStore({ env });
      try {
        const whole = await reopened.getSnapshot("b-2").then(
          () => "read",
          (error: unknown) => String(error),
        );
        expect(whole).toMatch(/^SnapshotFormatError: stored snapshot b-2 is not readable: /);
        await expect(streamBundleExport(reopened, "b-2", { pageSize: 7 })).rejects.toThrow(
          whole.replace(/^SnapshotFormatError: /, ""),
        );
      } finally {
        await reopened.close();
      }
    } finally {
      await dispose();
    }
  });
});
