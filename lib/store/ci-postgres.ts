/**
 * Test-only: under CI the PostgreSQL store tests are part of the contract, so a missing server is
 * a failure there; on a developer's machine it is a warning and the PGlite tests still run.
 */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== "" && value !== "false" && value !== "0";
}

export function postgresRequiredUnderCi(problem: string): string {
  return (
    `PostgreSQL store tests cannot run under CI: ${problem}. Install Debian's postgresql ` +
    `package (.ci/run does) or set KMS_DRIFT_TEST_DATABASE_URL to a server the tests may use`
  );
}
