/**
 * Test-only: the PostgreSQL store tests are part of the contract, so a missing server fails them
 * (never drops them). Under CI it fails the whole run at setup; on a developer's machine the
 * PGlite tests still run and each PostgreSQL test fails with the reason.
 */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

export function postgresRequired(problem: string, underCi: boolean): string {
  return (
    `PostgreSQL store tests cannot run${underCi ? " under CI" : ""}: ${problem}. Install Debian's ` +
    `postgresql package (.ci/run does) or set KMS_DRIFT_TEST_DATABASE_URL to a server the tests may use`
  );
}
