import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Debian's AWS CLI v2 (`apt-get install -y awscli`). */
export const AWS_CLI = "/usr/bin/aws";

export interface AwsCli {
  /** A scratch directory (also the CLI's HOME, so no user config leaks in). */
  readonly dir: string;
  run(region: string, args: string[]): Promise<string>;
  dispose(): void;
}

/** Runs the real AWS CLI against `url` with the given access key id; fails loudly when it is missing. */
export function createAwsCli(url: string, accessKeyId = "AKIACLIUSER"): AwsCli {
  if (!existsSync(AWS_CLI))
    throw new Error(
      `${AWS_CLI} is missing: install it with \`apt-get install -y awscli\` (this test must not be skipped)`,
    );
  const dir = mkdtempSync(path.join(tmpdir(), "kms-drift-cli-"));
  const env = {
    ...process.env,
    HOME: dir,
    AWS_CONFIG_FILE: path.join(dir, "config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, "credentials"),
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: "dummy",
    AWS_PAGER: "",
  };
  return {
    dir,
    run: (region, args) =>
      new Promise((resolve, reject) => {
        execFile(
          AWS_CLI,
          ["--endpoint-url", url, "--region", region, "--output", "json", ...args],
          { env, timeout: 30_000 },
          (error, stdout, stderr) =>
            error
              ? reject(new Error(`aws ${args.join(" ")} failed: ${stderr || error.message}`))
              : resolve(stdout),
        );
      }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
