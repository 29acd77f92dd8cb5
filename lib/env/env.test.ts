import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as concerns from "./concerns";
import { ENV, EnvError, readEnv } from "./env";

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
});
