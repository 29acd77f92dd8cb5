import { describe, expect, it, vi } from "vitest";
import { testBackends } from "../lib/store/test-store";
import { preparePostgres } from "./vitest-postgres";

describe("PostgreSQL store tests without a server", () => {
  it("fail the run under CI when no server is installed", async () => {
    const env: Record<string, string | undefined> = { CI: "true" };
    await expect(preparePostgres(env, null)).rejects.toThrow(
      "PostgreSQL store tests cannot run under CI: no PostgreSQL server is installed",
    );
  });

  it("fail the run under CI when the server does not start", async () => {
    await expect(preparePostgres({ CI: "true" }, "/nonexistent/postgresql/bin")).rejects.toThrow(
      /^PostgreSQL store tests cannot run under CI: could not start a throwaway server/,
    );
  });

  it("are a warning at setup on a developer's machine", async () => {
    const env: Record<string, string | undefined> = {};
    const warn = vi.fn();
    expect(await preparePostgres(env, null, warn)).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      "PostgreSQL store tests will fail: no PostgreSQL server is installed (/usr/lib/postgresql/*/bin)",
    );
    expect(env.KMS_DRIFT_TEST_DATABASE_URL).toBeUndefined();
  });

  it("still run as failing tests under CI when the setup did not provide one", async () => {
    const backends = testBackends({ CI: "true" });
    expect(backends.map((b) => b.name)).toEqual(["pglite", "postgres"]);
    await expect(backends[1]?.open()).rejects.toThrow(
      "PostgreSQL store tests cannot run under CI: KMS_DRIFT_TEST_DATABASE_URL is not set",
    );
  });

  it("still run as failing tests on a developer's machine, never dropped", async () => {
    for (const env of [{}, { CI: "false" }]) {
      const backends = testBackends(env);
      expect(backends.map((b) => b.name)).toEqual(["pglite", "postgres"]);
      await expect(backends[1]?.open()).rejects.toThrow(
        /^PostgreSQL store tests cannot run: KMS_DRIFT_TEST_DATABASE_URL is not set\. Install Debian's postgresql package/,
      );
      await expect(backends[1]?.storeEnv()).rejects.toThrow(
        /KMS_DRIFT_TEST_DATABASE_URL is not set/,
      );
    }
  });
});
