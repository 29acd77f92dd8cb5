import "server-only";
import type { Snapshot } from "../domain/snapshot";
import { getStore } from "./store";

export async function getLatestSnapshot(): Promise<Snapshot | null> {
  const store = await getStore();
  const [latest] = await store.listSnapshots({ limit: 1 });
  return latest ? store.getSnapshot(latest.id) : null;
}
