/**
 * Test helper process for store-lock.test.ts: opens the PGlite store in <dataDir> as the dashboard
 * does (holding it for its life), saves one snapshot, prints "holding" and waits to be killed.
 * Usage: node --import tsx lib/store/testing/hold-store.ts <dataDir> <snapshotId> <startedAt>
 */
import { DASHBOARD_ROLE } from "../store-holder";
import { openStore } from "../store";
import { makeSnapshot } from "../test-fixtures";

async function main(dataDir: string, id: string, startedAt: string): Promise<void> {
  const store = await openStore({ dataDir, holder: DASHBOARD_ROLE });
  await store.saveSnapshot(makeSnapshot({ id, startedAt }));
  process.stdout.write("holding\n");
  setInterval(() => undefined, 60_000);
}

const [dataDir, id, startedAt] = process.argv.slice(2);
if (!dataDir || !id || !startedAt) {
  process.stderr.write("usage: hold-store <dataDir> <snapshotId> <startedAt>\n");
  process.exit(2);
}
main(dataDir, id, startedAt).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
