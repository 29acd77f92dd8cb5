import { openStore } from "../../lib/store/store";
import { generate } from "./org-snapshot";

/**
 * Saves the synthetic Organization snapshot of `bench:org-store` (`keys` keys in four-region
 * families, so keys / 4 families) into the PGlite store in `dataDir`, as a scan would leave it.
 */
export async function seedOrgStore(
  dataDir: string,
  keys: number,
  accounts: number,
): Promise<{ families: number; saveMs: number }> {
  const store = await openStore({ dataDir });
  try {
    const snapshot = generate(keys, accounts, 0);
    const start = performance.now();
    await store.saveSnapshot(snapshot);
    return { families: snapshot.families.length, saveMs: performance.now() - start };
  } finally {
    await store.close();
  }
}
