import { setFlagsFromString } from "node:v8";

/**
 * How far V8's old space may grow past what survived its last full collection before it collects
 * again. V8's own factor reaches 4× on a machine with memory to spare (it sizes only the ceiling
 * from the machine, about 4 GB), so a scan holding 400 MB of keys could sit at 1.6 GB of mostly
 * garbage: the SDK's request objects outlive a young-generation collection while 1,024 keys are in
 * flight, and are promoted. 1.2× keeps the resident size near the live set whatever the estate,
 * without a fixed ceiling that a larger Organization would hit; the cost is more frequent full
 * collections (README "Known limits").
 */
export const CLI_HEAP_GROWING_PERCENT = 20;

const FLAG = "--heap-growing-percent";

/** Whether node was started with its own growth factor (`node --heap-growing-percent=N …`). */
function setByUser(execArgv: readonly string[]): boolean {
  return execArgv.some((arg) => arg.replaceAll("_", "-").startsWith(FLAG));
}

/**
 * Bounds the heap's growth for this process, unless node was started with its own factor. V8 reads
 * the factor at every full collection, so setting it at start-up applies to the whole run (it is
 * not one of the flags NODE_OPTIONS may carry). Returns the percent in force, or null when the
 * user's own applies.
 */
export function boundHeapGrowth(
  execArgv: readonly string[],
  setFlags: (flags: string) => void = setFlagsFromString,
): number | null {
  if (setByUser(execArgv)) return null;
  setFlags(`${FLAG}=${CLI_HEAP_GROWING_PERCENT}`);
  return CLI_HEAP_GROWING_PERCENT;
}
