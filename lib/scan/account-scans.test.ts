import { describe, expect, it } from "vitest";
import type { RegionScan } from "../domain/snapshot";
import { buildAccountScans } from "./account-scans";
import { resolveAccounts } from "./resolve-accounts";
import { defaultConfig } from "../config";

const base = () => Promise.resolve({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });

function region(account: string, name: string, status: RegionScan["status"]): RegionScan {
  return {
    account,
    region: name,
    status,
    ...(status === "error" ? { error: "AccessDenied" } : {}),
    keyCount: 0,
    apiCalls: 0,
    throttledCalls: 0,
    durationMs: 0,
  };
}

describe("buildAccountScans", () => {
  it("names configured accounts, the caller's own included, by the config's names", () => {
    const config = {
      ...defaultConfig(),
      accounts: [
        { id: "111122223333", name: "security tooling" },
        {
          id: "444455556666",
          roleArn: "arn:aws:iam::444455556666:role/audit",
          name: "shared services",
        },
      ],
    };
    const accounts = resolveAccounts(base, "111122223333", config, "us-east-1", undefined);
    const scans = buildAccountScans(
      accounts,
      [],
      [region("111122223333", "us-east-1", "ok"), region("444455556666", "us-east-1", "error")],
    );
    expect(scans).toEqual([
      { account: "111122223333", source: "caller", name: "security tooling", status: "ok" },
      {
        account: "444455556666",
        source: "config",
        name: "shared services",
        status: "error",
        reason: "AccessDenied",
      },
    ]);
  });
});
