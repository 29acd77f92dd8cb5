/** Kept in step with package.json `version` (the CLI and snapshots report it). */
export const TOOL_VERSION = "0.1.0";
