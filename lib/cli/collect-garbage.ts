import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * One full collection, now. A closed PGlite gives its WebAssembly memory back (~700 MB after it
 * created a data directory) only when V8 collects it, and a scan whose heap grows slowly may not
 * collect for minutes: the scan would start with that memory still resident. `gc` is exposed to a
 * throw-away context only for the call (as jest's leak detector does), then hidden again.
 */
const PASSES = 3;

export async function collectGarbage(): Promise<void> {
  setFlagsFromString("--expose-gc");
  try {
    const gc = runInNewContext("gc") as () => void;
    // PGlite's memory goes in steps: a collection lets go of what holds it, finalizers run as tasks
    // of their own, and only a later collection frees it. Three passes, a task apart.
    for (let pass = 0; pass < PASSES; pass += 1) {
      if (pass > 0) await new Promise((resolve) => setTimeout(resolve, 0));
      gc();
    }
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}
