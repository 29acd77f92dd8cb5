import { UnknownRegionError } from "../aws/regions";
import { ConfigError } from "../config";
import { EnvError } from "../env/env";
import { ScanSetupError } from "../scan/types";
import { UsageError } from "./io";

/** The errors a user can fix, as one line; undefined for anything unexpected. */
export function describeUsageError(err: unknown): string | undefined {
  const known =
    err instanceof UsageError ||
    err instanceof ConfigError ||
    err instanceof UnknownRegionError ||
    err instanceof ScanSetupError ||
    err instanceof EnvError;
  return known ? err.message : undefined;
}
