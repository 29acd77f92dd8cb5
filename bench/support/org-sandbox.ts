import { spawnSandbox, type SpawnedSandbox } from "./spawn-sandbox";

/** The org world in a process of its own, with AWS quotas (or none) and latency per request. */
export function spawnOrgSandbox(world: {
  accounts: string;
  keysPerAccount: string;
  latencyMs: string;
  quotas: string;
}): Promise<SpawnedSandbox> {
  return spawnSandbox([
    "--world",
    "org",
    "--accounts",
    world.accounts,
    "--keys-per-account",
    world.keysPerAccount,
    "--latency-ms",
    world.latencyMs,
    "--quotas",
    world.quotas,
  ]);
}
