import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as concerns from "./concerns";
import { ENV, EnvError, parseEnv, readEnv } from "./env";

const README = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const VARIABLES = [...new Set(Object.values(concerns).flatMap((concern) => Object.keys(concern)))];

describe("the environment", () => {
  it("is documented: README names every variable kms-drift reads", () => {
    expect(VARIABLES.filter((name) => !README.includes(`\`${name}\``))).toEqual([]);
  });

  it("is read by some program: every concern is part of a composition", () => {
    const read = new Set(Object.values(ENV).flatMap((schema) => Object.keys(schema.shape)));
    expect(VARIABLES.filter((name) => !read.has(name))).toEqual([]);
  });

  it("names the variable that is wrong, in one line", () => {
    expect(() => readEnv(ENV.store, { DATABASE_URL: "mysql://db" })).toThrow(
      new EnvError(
        "invalid environment variable DATABASE_URL: expected a postgres:// or postgresql:// URL",
      ),
    );
  });

  it("treats an empty store variable as unset", () => {
    expect(readEnv(ENV.store, { DATABASE_URL: "", KMS_DRIFT_DATA_DIR: "" })).toEqual({});
  });

  it("refuses dashboard scans on the queue without the queue's PostgreSQL, and a too short lease", () => {
    expect(parseEnv(ENV.dashboard, { KMS_DRIFT_WORKERS: "queue" })).toEqual({
      ok: false,
      problem:
        "invalid environment variable KMS_DRIFT_WORKERS: queue needs DATABASE_URL: the job queue lives in PostgreSQL",
    });
    expect(parseEnv(ENV.cli, { KMS_DRIFT_WORKERS: "celery" })).toEqual({
      ok: false,
      problem: 'invalid environment variable KMS_DRIFT_WORKERS: expected "local" or "queue"',
    });
    expect(parseEnv(ENV.cli, { KMS_DRIFT_SHARD_LEASE: "2" })).toEqual({
      ok: false,
      problem: "invalid environment variable KMS_DRIFT_SHARD_LEASE: expected at least 5",
    });
  });
});
