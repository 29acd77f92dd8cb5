import { vi } from "vitest";

/**
 * Test-only: the environment of a dashboard in this process that scans `sandboxUrl` (us-east-1) and
 * keeps its snapshots in PGlite at `dataDir`; no schedule. `scanOnStart` is KMS_DRIFT_SCAN_ON_START.
 */
export function stubDashboardEnv(
  sandboxUrl: string,
  dataDir: string,
  scanOnStart: "0" | "1",
): void {
  vi.stubEnv("KMS_DRIFT_DATA_DIR", dataDir);
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("KMS_DRIFT_SCAN_ON_START", scanOnStart);
  vi.stubEnv("KMS_DRIFT_SCHEDULE", "off");
  vi.stubEnv("KMS_DRIFT_REGIONS", "us-east-1");
  vi.stubEnv("AWS_ENDPOINT_URL", sandboxUrl);
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIATESTUSER");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "sandbox-secret");
  vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
}
