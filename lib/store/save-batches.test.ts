import { afterEach, describe, expect, it, vi } from "vitest";
import { writeSnapshot } from "./save-snapshot";
import type { SqlQueryable, SqlRow } from "./sql-client";
import { makeSnapshot } from "./test-fixtures";

interface Statement {
  text: string;
  params: unknown[];
  /** JSON.stringify calls made before the statement ran. */
  stringified: number;
  /** Whether a timer set when the save began had run by then. */
  timerRan: boolean;
}

/** A transaction that records what the save sends; the store is empty, so nothing is read back. */
function recordingTx(): { tx: SqlQueryable; statements: Statement[]; start: () => void } {
  const statements: Statement[] = [];
  const stringify = vi.spyOn(JSON, "stringify");
  let timerRan = false;
  const tx: SqlQueryable = {
    query<R extends SqlRow>(text: string, params: unknown[] = []): Promise<R[]> {
      statements.push({ text, params, stringified: stringify.mock.calls.length, timerRan });
      return Promise.resolve([]);
    },
    exec: () => Promise.resolve(),
  };
  const start = () => {
    stringify.mockClear();
    setTimeout(() => {
      timerRan = true;
    }, 0);
  };
  return { tx, statements, start };
}

const keyInserts = (statements: Statement[]) =>
  statements.filter((s) => s.text.startsWith("insert into snapshot_keys"));

/** The JSON documents of a batch (its last parameter, one per line), each checked to be JSON. */
function batchDocs(statement: Statement): string[] {
  return String(statement.params.at(-1))
    .split("\n")
    .map((line) => JSON.stringify(JSON.parse(line)));
}

describe("writeSnapshot's batches", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("builds each batch's JSON when it writes the batch, not every key's before the first", async () => {
    const snapshot = makeSnapshot({ extraKeys: 12_000 });
    const { tx, statements, start } = recordingTx();
    start();
    await writeSnapshot(tx, snapshot);
    const inserts = keyInserts(statements);
    expect(inserts.length).toBeGreaterThanOrEqual(3);
    const [first] = inserts;
    const rowsInFirst = batchDocs(first ?? inserts[0]!).length;
    // Every key is two JSON.stringify (its document and its policy, stored apart); the header and
    // a few columns add a handful more.
    expect(first?.stringified).toBeLessThan(2 * rowsInFirst + 50);
    expect(inserts.map((s) => batchDocs(s).length).reduce((a, b) => a + b)).toBe(
      snapshot.keys.length,
    );
  });

  it("gives the event loop a turn between batches", async () => {
    const { tx, statements, start } = recordingTx();
    start();
    await writeSnapshot(tx, makeSnapshot({ extraKeys: 12_000 }));
    const inserts = keyInserts(statements);
    // The first batch's policies go first (lib/store/write-rows.ts), then the turns begin.
    const rowInserts = statements.filter((s) => s.text.startsWith("insert into snapshot_"));
    expect(rowInserts[0]?.text).toMatch(/^insert into snapshot_policies/);
    expect(rowInserts[0]?.timerRan).toBe(false);
    expect(inserts.at(-1)?.timerRan).toBe(true);
  });

  it("notes a key replaced in a later batch, in the header written after the rows", async () => {
    const snapshot = makeSnapshot({ extraKeys: 12_000 });
    const index = 11_000;
    const key = snapshot.keys[index];
    if (!key) throw new Error("fixture too small");
    snapshot.keys[index] = { ...key, metadata: { ...key.metadata, Description: "a\u0000b" } };
    const { tx, statements, start } = recordingTx();
    start();
    const written = await writeSnapshot(tx, snapshot);
    const note = `key ${key.arn}, metadata.Description: 1 NUL character replaced with U+FFFD`;
    expect(written.storageNotes).toEqual([note]);
    const docs = keyInserts(statements).flatMap(batchDocs);
    expect(JSON.parse(docs[index] ?? "null")).toMatchObject({
      metadata: { Description: "a\uFFFDb" },
    });
    const lastKeyInsert = statements.lastIndexOf(keyInserts(statements).at(-1)!);
    const headerUpdate = statements.findIndex((s) => s.text.startsWith("update snapshots set doc"));
    expect(headerUpdate).toBeGreaterThan(lastKeyInsert);
    const header = JSON.parse(String(statements[headerUpdate]?.params[1])) as {
      storageNotes: string[];
      keys: number;
    };
    expect(header).toMatchObject({ storageNotes: [note], keys: snapshot.keys.length });
    // The caller's snapshot is left as it was scanned.
    expect(snapshot.keys[index]?.metadata.Description).toBe("a\u0000b");
  });

  it("notes a replacement in a policy stored apart, and stores the policy as replaced", async () => {
    const snapshot = makeSnapshot({ extraKeys: 12_000 });
    const index = 11_000;
    const key = snapshot.keys[index];
    if (!key) throw new Error("fixture too small");
    const policy = {
      Version: "2012-10-17",
      Statement: [{ Sid: "x\u0000y", Effect: "Allow" as const, Action: "kms:*", Resource: "*" }],
    };
    snapshot.keys[index] = { ...key, policy };
    const { tx, statements, start } = recordingTx();
    start();
    const written = await writeSnapshot(tx, snapshot);
    expect(written.storageNotes).toEqual([
      `key ${key.arn}, policy.Statement[0].Sid: 1 NUL character replaced with U+FFFD`,
    ]);
    const policies = statements
      .filter((s) => s.text.startsWith("insert into snapshot_policies"))
      .flatMap(batchDocs)
      .map((text) => JSON.parse(text) as unknown);
    expect(policies).toContainEqual({
      ...policy,
      Statement: [{ ...policy.Statement[0], Sid: "x\uFFFDy" }],
    });
    expect(policies).not.toContainEqual(policy);
    expect(JSON.parse(keyInserts(statements).flatMap(batchDocs)[index] ?? "{}")).toMatchObject({
      arn: key.arn,
      policy: null,
    });
    expect(snapshot.keys[index]?.policy).toBe(policy);
  });

  it("writes no header update when nothing needed replacing", async () => {
    const { tx, statements, start } = recordingTx();
    start();
    const written = await writeSnapshot(tx, makeSnapshot({ extraKeys: 100 }));
    expect(written.storageNotes).toEqual([]);
    expect(statements.some((s) => s.text.startsWith("update snapshots set doc"))).toBe(false);
  });
});
