/**
 * Test helper process for the crash-safety test (store-crash.test.ts): saves one snapshot, then
 * begins saving a large one and keeps writing inside that transaction until it is SIGKILLed.
 * Usage: tsx lib/store/testing/crash-writer.ts <dataDir>
 */
import { openPgliteClient } from "../pglite-client";
import { writeSnapshot } from "../save-snapshot";
import { openStore } from "../store";
import { makeSnapshot } from "../test-fixtures";

async function main(dataDir: string): Promise<void> {
  const store = await openStore({ dataDir });
  await store.saveSnapshot(makeSnapshot({ id: "intact", startedAt: "2026-11-20T08:00:00.000Z" }));
  process.stdout.write("saved\n");
  // Same process, same data dir: this is the store's own PGlite instance.
  const client = await openPgliteClient(dataDir);
  const big = makeSnapshot({
    id: "partial",
    startedAt: "2026-11-21T08:00:00.000Z",
    extraKeys: 3000,
  });
  await client.transaction(async (tx) => {
    await writeSnapshot(tx, big);
    process.stdout.write("writing\n");
    for (let i = 0; ; i += 1) {
      await tx.query(
        "insert into scan_runs (started_at, trigger, status) values ($1, 'cli', 'ok')",
        [String(i)],
      );
    }
  });
}

const dataDir = process.argv[2];
if (!dataDir) {
  process.stderr.write("usage: crash-writer <dataDir>\n");
  process.exit(2);
}
main(dataDir).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
