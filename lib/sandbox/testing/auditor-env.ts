import { afterEach, beforeEach, vi } from "vitest";

/**
 * Test-only: each test of the calling file sees the sandbox auditor's static credentials in the
 * environment (and no instance metadata lookup), as a user's shell pointed at the sandbox would.
 */
export function stubAuditorCredentialsEnv(): void {
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIAQKMSDRIFTAUDIT1");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "x");
    vi.stubEnv("AWS_EC2_METADATA_DISABLED", "true");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
}
