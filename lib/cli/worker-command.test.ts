import { describe, expect, it } from "vitest";
import { main } from "./main";
import { createMemoryIo } from "./memory-io";

async function runCli(argv: string[], env: Record<string, string> = {}) {
  const io = createMemoryIo(env, false);
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe("the job queue's commands refuse to start without their PostgreSQL", () => {
  it("scan --distributed without DATABASE_URL: one line, exit 2, before any AWS call", async () => {
    const result = await runCli(["scan", "--distributed", "--endpoint", "http://127.0.0.1:9"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "kms-drift: scan --distributed needs DATABASE_URL (postgres://…): the job queue lives in PostgreSQL\n",
    });
  });

  it("worker without DATABASE_URL: one line, exit 2", async () => {
    const result = await runCli(["worker"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "kms-drift: worker needs DATABASE_URL (postgres://…): the job queue lives in PostgreSQL\n",
    });
  });

  it("worker with a server nobody answers at: one line naming the failure, exit 2", async () => {
    const result = await runCli(["worker"], { DATABASE_URL: "postgres://kms@127.0.0.1:9/q" });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^kms-drift: cannot open the job queue in DATABASE_URL: .*ECONNREFUSED.*\n$/,
    );
  });

  it("worker flags are checked: --concurrency 0 and a bad --drain", async () => {
    const env = { DATABASE_URL: "postgres://kms@127.0.0.1:9/q" };
    expect(await runCli(["worker", "--concurrency", "0"], env)).toMatchObject({
      code: 2,
      stderr: "kms-drift: --concurrency: expected a whole number from 1 to 256\n",
    });
    expect(await runCli(["worker", "--drain", "soon"], env)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^kms-drift: --drain: invalid duration "soon"/),
    });
  });

  it("worker --help describes the command and exits 0", async () => {
    const result = await runCli(["worker", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: kms-drift worker \[flags\]/);
  });
});
