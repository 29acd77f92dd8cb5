import { stat } from "node:fs/promises";
import { ENV, readEnv } from "../env/env";
import { describeThrown } from "./error-text";
import { UsageError } from "./io";

/**
 * Checks where the store would live before a command opens it. PGlite, given a data directory that
 * is a file, throws a bare `{ name: "ErrnoError", errno: 54 }`; this says what is wrong instead.
 */
export async function checkStoreTarget(env: Record<string, string | undefined>): Promise<void> {
  const { resolveStoreTarget } = await import("../store/store");
  let target: ReturnType<typeof resolveStoreTarget>;
  try {
    target = resolveStoreTarget({ env });
  } catch (error) {
    throw new UsageError(describeThrown(error));
  }
  if (target.kind !== "pglite") return;
  const found = await stat(target.dataDir).catch(() => undefined);
  if (found !== undefined && !found.isDirectory()) {
    const source = readEnv(ENV.store, env).KMS_DRIFT_DATA_DIR
      ? "KMS_DRIFT_DATA_DIR"
      : "the default data directory";
    throw new UsageError(`${source} ${target.dataDir} is not a directory`);
  }
}
