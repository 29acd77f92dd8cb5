import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  describeJsonError,
  findJsonErrorOffset,
  loadConfig,
  parseConfig,
  pickDriftRules,
} from "./config";

async function writeConfig(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kms-drift-config-"));
  const path = join(dir, "kms-drift.config.json");
  await writeFile(path, text);
  return path;
}

describe("loadConfig", () => {
  it("loads the scan half and the drift rules with defaults", async () => {
    const path = await writeConfig(
      JSON.stringify({
        accounts: [
          { id: "444455556666", roleArn: "arn:aws:iam::444455556666:role/kms-drift-audit" },
        ],
        regions: ["us-east-1", "eu-west-1"],
        quotas: { ListGrants: 50 },
        residency: [
          { name: "eu", selector: { tag: { "data-class": "eu-pii" } }, allowedRegions: ["eu-*"] },
        ],
      }),
    );
    const config = await loadConfig(path);
    expect(config.readAllKeys).toBe(false);
    expect(config.quotas).toEqual({ ListGrants: 50 });
    expect(pickDriftRules(config).residency).toHaveLength(1);
    expect(pickDriftRules(config).waivers).toEqual([]);
  });

  it("names the file and the line and column of a JSON syntax error", async () => {
    const path = await writeConfig('{\n  "regions": ["us-east-1"],\n  oops\n}');
    await expect(loadConfig(path)).rejects.toThrow(ConfigError);
    await expect(loadConfig(path)).rejects.toThrow(
      new RegExp(`config ${path} is not valid JSON: .*line 3, column 3`),
    );
  });

  it("names the field path of a schema error, in the scan half and in the rules half", async () => {
    await expect(loadConfig(await writeConfig('{"accounts":[{"id":"123"}]}'))).rejects.toThrow(
      /accounts\[0\]\.id: expected a 12-digit AWS account id/,
    );
    await expect(
      loadConfig(
        await writeConfig('{"residency":[{"name":"x","selector":{},"allowedRegions":"eu-*"}]}'),
      ),
    ).rejects.toThrow(/residency\[0\]\.allowedRegions: /);
    await expect(loadConfig(await writeConfig('{"regoins":["us-east-1"]}'))).rejects.toThrow(
      /regoins/,
    );
  });

  it("reads organization with its defaults, and names the field of each bad value", () => {
    expect(parseConfig({ organization: {} }, "t.json").organization).toEqual({
      roleName: "kms-drift-audit",
      skipSuspended: true,
    });
    expect(
      parseConfig(
        {
          organization: {
            roleName: "audit/kms-drift",
            externalId: "o-abc:kms",
            ous: ["ou-ab12-cd34ef56", "r-ab12"],
            include: ["prod-*", "123456789012"],
            exclude: ["*-sandbox-*"],
            skipSuspended: false,
          },
        },
        "t.json",
      ).organization?.ous,
    ).toEqual(["ou-ab12-cd34ef56", "r-ab12"]);
    const refused = (organization: unknown) => () => parseConfig({ organization }, "t.json");
    expect(refused({ roleName: "kms drift" })).toThrow(
      "invalid config t.json: organization.roleName: expected an IAM role name like kms-drift-audit (letters, digits and +=,.@_-)",
    );
    expect(refused({ ous: ["Prod"] })).toThrow(
      "invalid config t.json: organization.ous[0]: expected an OU id like ou-ab12-cd34ef56 (or a root id like r-ab12)",
    );
    expect(refused({ include: [] })).toThrow(/organization\.include: /);
    expect(refused({ exclude: ["bad\u0007name"] })).toThrow(
      "organization.exclude[0]: expected an account id or a name pattern",
    );
    expect(refused({ skipSuspended: "yes" })).toThrow(/organization\.skipSuspended: /);
    expect(refused({ role: "x" })).toThrow(/organization: Unrecognized key: "role"/);
  });

  it("reports a missing file as a ConfigError", async () => {
    await expect(loadConfig("/nonexistent/kms-drift.config.json")).rejects.toThrow(
      "cannot read config /nonexistent/kms-drift.config.json: file not found",
    );
  });
});

describe("describeJsonError", () => {
  it("turns the parser's complaint into one line with line and column", () => {
    expect(
      describeJsonError(
        '{\n "a": 1,\n x}',
        new SyntaxError("Expected double-quoted property name in JSON at position 12"),
      ),
    ).toBe("Expected double-quoted property name at line 3, column 2");
    const text = '{\n  "regions": [\n    "us-east-1",\n  ]\n}';
    expect(
      describeJsonError(
        text,
        new SyntaxError(`Unexpected token ']', "...t-1",\n  ]\n}" is not valid JSON`),
      ),
    ).toBe("Unexpected token ']' at line 4, column 3");
  });
});

describe("findJsonErrorOffset", () => {
  it.each([
    ['{"a": 1}', undefined],
    ['{"a": [1, 2, {"b": null}], "c": "x\\"y"}', undefined],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ["[1, 2", 5],
    ['{"a": tru}', 6],
    ['{"a": 1} x', 9],
  ])("%s → %s", (text, offset) => {
    expect(findJsonErrorOffset(text)).toBe(offset);
  });
});
